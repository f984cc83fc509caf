from django.shortcuts import render

from clauses.selectors import plan_list


def home(request):
    return render(request, "clauses/home.html", {"plans": plan_list()})
