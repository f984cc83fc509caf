from django.shortcuts import render

from clauses.selectors import plan_list
from core.conditional import reads_query


@reads_query()
def home(request):
    return render(request, "clauses/home.html", {"plans": plan_list()})
