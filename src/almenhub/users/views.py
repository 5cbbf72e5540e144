from __future__ import annotations

from allauth.account.views import SignupView


class MemberSignupView(SignupView):
    """allauth's sign-up, taking a colleague's invitation from the link
    (?invitation=…) into the form."""

    def get_initial(self) -> dict:
        initial = super().get_initial()
        invitation = self.request.GET.get("invitation", "")[:1000]
        if invitation:
            initial["invitation"] = invitation
        return initial


signup = MemberSignupView.as_view()
