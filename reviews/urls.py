"""The review machinery's addresses: staff pages under /manage/, liaison officers' under /force/."""

from django.urls import path

from .views import documents, forces, liaison, opening, reviews

app_name = "reviews"

urlpatterns = [
    path("manage/", reviews.dashboard, name="dashboard"),
    path("manage/recommendations/<int:pk>/reviews/new/", opening.review_create, name="review-create"),
    path("manage/reviews/<int:pk>/", reviews.review_detail, name="review-detail"),
    path("manage/reviews/<int:pk>/framework/", reviews.review_framework, name="review-framework"),
    path("manage/reviews/<int:review_pk>/elements/new/", reviews.element_edit, name="element-create"),
    path("manage/elements/<int:pk>/edit/", reviews.element_edit, name="element-edit"),
    path("manage/reviews/<int:review_pk>/outcomes/new/", reviews.outcome_edit, name="outcome-create"),
    path("manage/outcomes/<int:pk>/edit/", reviews.outcome_edit, name="outcome-edit"),
    path("manage/reviews/<int:review_pk>/qualifiers/new/", reviews.qualifier_edit, name="qualifier-create"),
    path("manage/qualifiers/<int:pk>/edit/", reviews.qualifier_edit, name="qualifier-edit"),
    path("manage/reviews/<int:pk>/forces/<slug:slug>/", forces.force_in_review, name="force-in-review"),
    path("manage/reviews/<int:pk>/forces/<slug:slug>/log/", forces.submission_log_view, name="submission-log"),
    path("manage/reviews/<int:pk>/forces/<slug:slug>/extension/", forces.extension_view, name="extension"),
    path("manage/reviews/<int:pk>/forces/<slug:slug>/assessment/", forces.assessment_view, name="assessment"),
    path(
        "manage/reviews/<int:pk>/forces/<slug:slug>/reopen-uploads/", forces.uploads_reopen_view, name="reopen-uploads"
    ),
    path("documents/<int:pk>/", documents.document_download, name="document-download"),
    path("force/", liaison.force_home, name="liaison-home"),
    path("force/reviews/<int:pk>/", liaison.liaison_review, name="liaison-review"),
]
