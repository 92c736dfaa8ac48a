from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from .models import Order


@csrf_exempt
def cancel(request):
    Order.objects.filter(pk=request.POST["id"], customer=request.user).delete()
    return HttpResponse("cancelled")
