"""The ledger in Chinese, for the audit administrator: every action and object type has a name.

An action is ``app.subject.verb`` (``registry.certificate.suspend``): the subject is named by its
model's verbose name where there is one (or by :data:`SUBJECTS`), the verb by :data:`VERBS`, so a
new service's action reads in Chinese as soon as its words are known; an AppConfig may name whole
actions in ``ledger_actions`` (``{"app.subject.verb": "名称"}``) where the composition reads badly.
Nothing here is imported by an app; labels are found through ``django.apps``.
"""

from __future__ import annotations

import functools
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

SUBJECTS = {
    "org.auth": "登录",
    "org.role": "角色",
    "org.user": "用户",
    "org.token": "API令牌",
    "core.calendar": "节假日数据",
    "core.parameter": "业务参数",
    "core.ledger": "全过程记录",
    "catalog.list": "清单",
    "catalog.benchmark": "行政裁量权基准",
    "catalog.guide": "办事指南",
    "catalog.compliance": "合规指导清单",
    "catalog.filing": "报备",
    "registry.exam": "资格考试",
    "registry.indicators": "考核指标",
    "registry.training": "培训",
}

VERBS = {
    "create": "新建",
    "update": "修改",
    "save": "保存",
    "delete": "删除",
    "remove": "删除",
    "publish": "发布",
    "draft": "起草",
    "entry": "编辑条目",
    "handle": "审查",
    "file": "报备",
    "return": "退回",
    "acknowledge": "备案",
    "issue": "发放",
    "suspend": "暂扣",
    "lift": "发还",
    "collect": "收缴",
    "cancel": "注销",
    "review": "年审",
    "transfer": "调动",
    "photo": "更新照片",
    "grant": "授予",
    "revoke": "撤销",
    "enable": "启用",
    "disable": "停用",
    "login": "登录成功",
    "logout": "退出登录",
    "login_failed": "登录失败",
    "locked": "账号锁定",
    "token": "签发API令牌",
    "change_password": "修改密码",
    "reset_password": "重置密码",
    "set": "设置",
    "override": "调整日期",
    "override_remove": "删除日期调整",
    "notice": "登记节假日通知",
    "notice_edit": "修改节假日通知",
    "notice_complete": "确认节假日通知",
    "notice_correct": "更正节假日通知",
    "redact": "脱敏",
    "transition": "流转",
    "approve": "批准",
    "reject": "不予批准",
    "request": "申请",
    "receive": "接收",
    "upload": "上传",
    "view": "查看",
    "download": "下载",
}


@functools.cache
def declared_actions() -> dict[str, str]:
    """Whole-action names the apps declare (``ledger_actions`` on their AppConfigs)."""
    names: dict[str, str] = {}
    for config in apps.get_app_configs():
        names.update(getattr(config, "ledger_actions", None) or {})
    return names


def _model(dotted: str) -> Any:
    app_label, _, model_name = dotted.partition(".")
    try:
        return apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return None


def object_type_label(object_type: str) -> str:
    """``registry.certificate`` → 行政执法证件 (the model's own Chinese name)."""
    if object_type in SUBJECTS:
        return SUBJECTS[object_type]
    model = _model(object_type)
    return str(model._meta.verbose_name) if model is not None else object_type


def action_label(action: str) -> str:
    """``registry.certificate.suspend`` → 行政执法证件：暂扣."""
    if action in declared_actions():
        return declared_actions()[action]
    subject, _, verb = action.rpartition(".")
    if not subject:
        return VERBS.get(action, action)
    return f"{object_type_label(subject)}：{VERBS.get(verb, verb)}"


def field_label(object_type: str, field: str) -> str:
    """A recorded field by its model's Chinese name (snapshots are by column name)."""
    model = _model(object_type)
    if model is not None:
        for candidate in (field, field.removesuffix("_id")):
            try:
                return str(model._meta.get_field(candidate).verbose_name)
            except FieldDoesNotExist:
                continue
    return field
