"""Placeholder view; replaced when the app is built."""

from django.http import HttpResponse


def index(request):
    return HttpResponse("monitoring")
