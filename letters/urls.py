from django.urls import path

from . import views

app_name = "letters"

urlpatterns = [
    path("manage/reviews/<int:pk>/letter-template/", views.template_edit, name="template"),
    path("manage/judgements/<int:pk>/sentence/", views.sentence_edit, name="sentence"),
    path("manage/reviews/<int:pk>/grouped-sentences/", views.grouped_sentences_edit, name="grouped-sentences"),
    path("manage/outcomes/<int:pk>/paragraph/", views.paragraph_edit, name="paragraph"),
    path("manage/reviews/<int:pk>/forces/<slug:slug>/letter/", views.letter_create, name="create"),
    path("manage/reviews/<int:pk>/letters/draft-all/", views.draft_all, name="draft-all"),
    path("manage/reviews/<int:pk>/letters/issue-approved/", views.issue_all_view, name="issue-all"),
    path("manage/jobs/<int:pk>/", views.job_detail, name="job"),
    path("manage/jobs/<int:pk>/progress/", views.job_progress, name="job-progress"),
    path("manage/letters/<int:pk>/", views.letter_detail, name="detail"),
    path("manage/letters/<int:pk>/edit/", views.letter_edit_view, name="edit"),
    path("manage/letters/<int:pk>/preview/", views.letter_preview, name="preview"),
    path("manage/letters/<int:pk>/letter.pdf", views.letter_pdf, name="pdf"),
    path("manage/letters/<int:pk>/approve/", views.letter_approve_view, name="approve"),
    path("manage/letters/<int:pk>/issue/", views.letter_issue_view, name="issue"),
    path("manage/letters/<int:pk>/correct/", views.letter_correct_view, name="correct"),
    path("force/letters/<int:pk>/letter.pdf", views.liaison_letter_pdf, name="liaison-pdf"),
]
