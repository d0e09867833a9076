from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from .models import Disqualification


@login_required
def disqualification_notice(request, public_id):
    """The written notice, printable: for the organisation it was sent to and for staff."""
    disqualification = get_object_or_404(
        Disqualification.objects.select_related("supplier__organisation", "notice"),
        public_id=public_id,
    )
    is_addressee = disqualification.supplier.organisation.account_id == request.user.pk
    if not (is_addressee or request.user.has_perm("suppliers.view_disqualification")):
        raise Http404
    return render(
        request, "suppliers/disqualification_notice.html", {"disqualification": disqualification}
    )
