# Placeholder until the dossier view lands (the helper writing it replaces this file).
from django.http import Http404


def case_dossier(request, case_id):
    raise Http404
