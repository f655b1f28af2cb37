from django.urls import path

from communs.catalog import views

app_name = "catalog"

# A software's page and a category's span domains: the root URLconf serves them
# (communs.web.pages).
urlpatterns = [
    path("catalogue/", views.software_list, name="software_list"),
    path("catalogue/<slug:slug>/publiccode.yml", views.software_publiccode, name="publiccode"),
    path("publiccode/editor/", views.publiccode_editor, name="publiccode_editor"),
    path("categories/", views.category_list, name="category_list"),
    path("providers/", views.provider_list, name="provider_list"),
    path("providers/<slug:slug>/", views.provider_detail, name="provider"),
]
