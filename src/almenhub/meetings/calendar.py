"""iCalendar files for meetings: the page's public event and each
participant's invitation.

Times are written in UTC, which every calendar converts to local time, so
the file needs no time-zone definition. A participant's invitation has a UID
of its own that never changes, so that a later cancellation (METHOD:CANCEL
with the same UID) removes exactly the event the invitation put in.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils.html import strip_tags
from icalendar import Calendar, Event, vCalAddress, vText

from almenhub.meetings.models import MeetingPage, Registration

PRODID = "-//almenhub//ERFA-møder//DA"
UID_DOMAIN = "almenhub"


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


def _organizer(meeting: MeetingPage) -> vCalAddress:
    address = settings.DEFAULT_FROM_EMAIL
    name = "almenhub"
    contact = meeting.contact
    if contact is not None and contact.public_email:
        address, name = contact.public_email, contact.name
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(name)
    return organizer


def _description(meeting: MeetingPage) -> str:
    lines = [meeting.teaser] if meeting.teaser else []
    for block in meeting.agenda or []:
        if block.block_type == "item":
            value = block.value
            lines.append(f"{value['time']} {value['title']}".strip())
        elif block.block_type == "paragraph":
            lines.append(strip_tags(block.value.source))
    if meeting.full_url:
        lines.append(meeting.full_url)
    return "\n".join(line for line in lines if line)


def _event(meeting: MeetingPage, *, uid: str, stamp: datetime.datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", _utc(stamp))
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(meeting.ends_at))
    event.add("summary", meeting.title)
    event.add("location", f"{meeting.venue}, {meeting.address}")
    event.add("description", _description(meeting))
    event.add("organizer", _organizer(meeting))
    if meeting.full_url:
        event.add("url", meeting.full_url)
    return event


def _calendar(method: str, event: Event) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add_component(event)
    return calendar.to_ical()


def meeting_uid(meeting: MeetingPage) -> str:
    return f"meeting-{meeting.pk}@{UID_DOMAIN}"


def registration_uid(registration: Registration) -> str:
    return f"registration-{registration.public_id}@{UID_DOMAIN}"


def meeting_ics(*, meeting: MeetingPage) -> bytes:
    """The meeting as a public event anyone can add to their calendar."""
    stamp = meeting.last_published_at or meeting.starts_at
    return _calendar("PUBLISH", _event(meeting, uid=meeting_uid(meeting), stamp=stamp))


def registration_ics(*, registration: Registration, cancel: bool = False) -> bytes:
    """The participant's invitation (METHOD:REQUEST), or its cancellation."""
    meeting = registration.meeting
    stamp = registration.cancelled_at if cancel else registration.created_at
    event = _event(meeting, uid=registration_uid(registration), stamp=stamp)
    attendee = vCalAddress(f"mailto:{registration.email}")
    attendee.params["cn"] = vText(registration.name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("DECLINED" if cancel else "ACCEPTED")
    attendee.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee)
    event.add("sequence", 1 if cancel else 0)
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    return _calendar("CANCEL" if cancel else "REQUEST", event)
