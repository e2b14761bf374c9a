"""Placeholder views; the directory helper replaces this module."""

from django.http import HttpResponse


def initiative_list(request):
    return HttpResponse("initiatives")


def atlas(request):
    return HttpResponse("atlas")
