from django.http import HttpResponse
from django.views.decorators.http import require_POST

from .models import Order


@require_POST
def cancel(request):
    Order.objects.filter(pk=request.POST["id"], owner=request.user).delete()
    return HttpResponse("cancelled")
