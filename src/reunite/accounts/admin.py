"""The authenticators in the admin: listed, and deleted to reset someone's second factor; never added or edited.

django-otp's own admin lets an administrator create a device with a secret of their choosing, or edit one: they
could then log in as anyone. Here a device is made by its owner only (the enrol page), and deleting a confirmed
one is recorded in the audit log (reunite.audit.signals) and ends its owner's sessions.
"""

from django.contrib import admin
from django_otp.plugins.otp_totp import admin as otp_totp_admin
from django_otp.plugins.otp_totp.models import TOTPDevice

from reunite.accounts.twofactor import end_sessions

# django-otp registered its admin when its module was imported, just above.
admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class AuthenticatorAdmin(otp_totp_admin.TOTPDeviceAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    # Deleting an authenticator here is a reset: as with `reunite twofactor reset`, the owner's sessions end.
    def delete_model(self, request, obj: TOTPDevice) -> None:
        super().delete_model(request, obj)
        end_sessions(obj.user)

    def delete_queryset(self, request, queryset) -> None:
        users = {device.user for device in queryset}
        super().delete_queryset(request, queryset)
        for user in users:
            end_sessions(user)
