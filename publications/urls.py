from django.urls import path

from . import data, manage, register_data, register_pages, responses, views

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
    path(
        "recommendations/<slug:reference>/<slug:force_slug>/",
        register_pages.recommendation_force,
        name="recommendation-force",
    ),
    path("register/", register_pages.register_list, name="register"),
    path("register/changes.atom", register_data.register_feed, name="register-feed"),
    path("data/register/recommendations.csv", register_data.recommendations_csv, name="register-recommendations-csv"),
    path(
        "data/register/recommendations.json", register_data.recommendations_json, name="register-recommendations-json"
    ),
    path("data/register/statuses.csv", register_data.statuses_csv, name="register-statuses-csv"),
    path("data/register/statuses.json", register_data.statuses_json, name="register-statuses-json"),
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
