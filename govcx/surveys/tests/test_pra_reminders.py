"""Expiry warnings by email at 30 and 7 days, once each, only when email is configured."""

from django.core import mail
from django.test import override_settings

from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import Survey
from govcx.surveys.reminders import pra_reminders_send
from govcx.surveys.tests.helpers import in_days, make_survey
from govcx.testing.factories import World


@override_settings(EMAIL_HOST="smtp.example.gov")
def test_managers_are_warned_at_30_and_7_days_once_each(world: World) -> None:
    survey = survey_transition(survey=make_survey(world), name="publish", by=world.owner)
    Survey.objects.filter(pk=survey.pk).update(pra_expiration=in_days(45))
    assert pra_reminders_send(today=in_days(0)) == 0
    assert pra_reminders_send(today=in_days(15)) == 3  # owner, manager, DHS admin above
    assert pra_reminders_send(today=in_days(16)) == 0
    assert pra_reminders_send(today=in_days(38)) == 3
    assert pra_reminders_send(today=in_days(40)) == 0
    assert len(mail.outbox) == 2
    assert set(mail.outbox[0].to) == {world.owner.email, world.manager.email, world.dhs_admin.email}
    assert "expires in 30 days" in mail.outbox[0].subject
    assert world.member.email not in mail.outbox[0].to


def test_nothing_is_sent_without_an_email_server(world: World) -> None:
    survey = survey_transition(survey=make_survey(world), name="publish", by=world.owner)
    Survey.objects.filter(pk=survey.pk).update(pra_expiration=in_days(3))
    assert pra_reminders_send(today=in_days(0)) == 0
    assert mail.outbox == []
