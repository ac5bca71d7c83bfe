from zhifa.cases.views import cases

app_name = "cases"

urlpatterns = [*cases.urlpatterns]
