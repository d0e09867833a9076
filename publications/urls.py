from django.urls import path

from . import feeds, views

app_name = "publications"

urlpatterns = [
    path("announcements/", views.announcement_list, name="announcements"),
    path("announcements/<int:pk>/", views.announcement_detail, name="announcement"),
    path("announcements/feed.rss", feeds.AnnouncementsFeed(), name="feed_rss"),
    path("announcements/feed.atom", feeds.AnnouncementsAtomFeed(), name="feed_atom"),
    path("pages/<slug:slug>/", views.page, name="page"),
    path("rules/accept/", views.rules_accept, name="rules_accept"),
    path("newsletter/", views.issue_list, name="issues"),
    path("newsletter/<int:pk>/", views.issue_detail, name="issue"),
    path("newsletter/subscribe/", views.subscribe, name="subscribe"),
    path("newsletter/confirm/<str:token>/", views.confirm, name="confirm"),
    path("newsletter/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
