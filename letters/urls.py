from django.urls import path

from . import accuracy_views, chase_views, views

app_name = "letters"

urlpatterns = [
    path("manage/reviews/<int:pk>/letter-template/", views.template_edit, name="template"),
    path("manage/judgements/<int:pk>/sentence/", views.sentence_edit, name="sentence"),
    path("manage/reviews/<int:pk>/grouped-sentences/", views.grouped_sentences_edit, name="grouped-sentences"),
    path("manage/outcomes/<int:pk>/paragraph/", views.paragraph_edit, name="paragraph"),
    path("manage/reviews/<int:pk>/forces/<slug:slug>/letter/", views.letter_create, name="create"),
    path("manage/reviews/<int:pk>/letters/draft-all/", views.draft_all, name="draft-all"),
    path("manage/reviews/<int:pk>/letters/issue-approved/", views.issue_all_view, name="issue-all"),
    path("manage/reviews/<int:pk>/chasing-letters/draft-all/", chase_views.chase_all, name="chase-all"),
    path("manage/reviews/<int:pk>/chasing-letters/send-all/", chase_views.chase_send_all, name="chase-send-all"),
    path("manage/reviews/<int:pk>/chasing-letter-text/", chase_views.chase_template_edit, name="chase-template"),
    path("manage/chasing-letters/<int:pk>/", chase_views.chase_detail, name="chase"),
    path("manage/chasing-letters/<int:pk>/letter.pdf", chase_views.chase_pdf, name="chase-pdf"),
    path("manage/chasing-letters/<int:pk>/send/", chase_views.chase_send, name="chase-send"),
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
    path("manage/reviews/<int:pk>/accuracy-check/", accuracy_views.accuracy_rule, name="accuracy-rule"),
    path("manage/accuracy-checks/<int:pk>/", accuracy_views.check_detail, name="accuracy"),
    path("manage/accuracy-checks/<int:pk>/sign-off/", accuracy_views.check_sign_off, name="accuracy-sign-off"),
    path("manage/accuracy-comments/<int:pk>/reply/", accuracy_views.comment_reply, name="accuracy-reply"),
    path("force/accuracy-checks/<int:pk>/", accuracy_views.liaison_check, name="liaison-accuracy"),
    path(
        "force/accuracy-checks/<int:pk>/paragraphs/<int:number>/",
        accuracy_views.liaison_comment,
        name="liaison-accuracy-comment",
    ),
    path("force/accuracy-checks/<int:pk>/draft.pdf", accuracy_views.liaison_check_pdf, name="liaison-accuracy-pdf"),
    path("accuracy-evidence/<int:pk>/", accuracy_views.evidence_download, name="accuracy-evidence"),
]
