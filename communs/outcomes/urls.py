from django.urls import path

from communs.outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("declarations/<int:pk>/outcomes/", views.declaration_outcomes, name="declaration"),
    path("outcomes/figures/<int:pk>/remove/", views.measurement_remove, name="remove"),
    path("catalogue/<slug:slug>/outcomes/", views.software_benchmark, name="software"),
    path("categories/<slug:slug>/outcomes/", views.category_benchmark, name="category"),
    path("outcomes/benchmarks.csv", views.export_csv, name="export"),
    path("outcomes/benchmarks.schema.json", views.export_schema, name="export_schema"),
]
