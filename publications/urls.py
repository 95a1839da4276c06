from django.urls import path

from . import data, manage, responses, views

app_name = "publications"

urlpatterns = [
    path("letters/", views.letter_list, name="letters"),
    path("letters/<slug:review_slug>/<slug:force_slug>/", views.letter_detail, name="letter"),
    path("letters/<slug:review_slug>/<slug:force_slug>.pdf", views.letter_pdf, name="letter-pdf"),
    path(
        "letters/<slug:review_slug>/<slug:force_slug>/version-<int:version>/",
        views.letter_detail,
        name="letter-version",
    ),
    path(
        "letters/<slug:review_slug>/<slug:force_slug>/version-<int:version>.pdf",
        views.letter_pdf,
        name="letter-version-pdf",
    ),
    path("reviews/<slug:slug>/", views.review_overview, name="review"),
    path("reviews/<slug:slug>/overview.pdf", views.overview_pdf, name="overview-pdf"),
    path("recommendations/<slug:reference>/", views.recommendation_detail, name="recommendation"),
    path("data/", data.data_page, name="data"),
    path("responses/", responses.response_list, name="responses"),
    path("responses/<int:pk>/<slug:force_slug>/", responses.response_detail, name="response"),
    path("responses/documents/<int:pk>/", responses.response_document, name="response-document"),
    path("manage/reviews/<int:pk>/publications/", manage.publications_for_review, name="manage"),
    path("manage/reviews/<int:pk>/publications/new/", manage.schedule, name="schedule"),
    path("manage/published-letters/<int:pk>/withdraw/", manage.withdraw, name="withdraw"),
    path("data/letters.csv", data.letters_csv, name="letters-csv"),
    path("data/letters.json", data.letters_json, name="letters-json"),
    path("data/publications.atom", data.publications_feed, name="feed"),
]
