from django.http import HttpResponse


def healthz(request):
    """For the load balancer, and the benchmark's ceiling: Django with no database work."""
    return HttpResponse("ok", content_type="text/plain")
