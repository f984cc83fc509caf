from django.urls import path

from . import views

app_name = "parties"

urlpatterns = [
    path("", views.party_list, name="list"),
    path("<slug:party>/", views.party_detail, name="detail"),
]
