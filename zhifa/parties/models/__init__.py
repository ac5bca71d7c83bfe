"""当事人 / 监管对象 (Party): enterprises, the self-employed, persons."""
