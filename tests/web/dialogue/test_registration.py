"""Registration, waiting list, cancellation with promotion, attendance (hand-computed)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.dialogue import services
from clusterdialog.web.dialogue.models import Registration, RegistrationStatus
from tests.web.dialogue.conftest import days_from_now

pytestmark = pytest.mark.django_db

CONFIRMED = RegistrationStatus.CONFIRMED
WAITING = RegistrationStatus.WAITING
CANCELLED = RegistrationStatus.CANCELLED


def _people(make_user, count):
    return [make_user(Role.MEMBER, f"person{i}@test.local") for i in range(1, count + 1)]


def _statuses(event):
    rows = Registration.objects.filter(event=event).select_related("user")
    return {r.user.email.split("@")[0]: r.status for r in rows}


def test_two_seats_five_people_give_two_confirmed_and_three_waiting_in_order(make_event, make_user):
    event = make_event(capacity=2)
    people = _people(make_user, 5)
    t0 = timezone.now() - dt.timedelta(hours=1)
    registrations = [
        services.register(event, person, now=t0 + dt.timedelta(minutes=i))
        for i, person in enumerate(people)
    ]
    assert [r.status for r in registrations] == [CONFIRMED, CONFIRMED, WAITING, WAITING, WAITING]
    assert [services.waiting_position(r) for r in registrations] == [None, None, 1, 2, 3]


def test_cancelling_a_confirmed_seat_moves_the_first_waiting_person_up(make_event, make_user):
    event = make_event(capacity=2)
    p1, p2, p3, p4, p5 = _people(make_user, 5)
    t0 = timezone.now() - dt.timedelta(hours=1)
    for i, person in enumerate([p1, p2, p3, p4, p5]):
        services.register(event, person, now=t0 + dt.timedelta(minutes=i))

    cancelled, promoted = services.cancel(event, p1)

    assert cancelled.status == CANCELLED
    assert [r.user for r in promoted] == [p3]
    assert _statuses(event) == {
        "person1": CANCELLED,
        "person2": CONFIRMED,
        "person3": CONFIRMED,
        "person4": WAITING,
        "person5": WAITING,
    }
    p4_registration = Registration.objects.get(event=event, user=p4)
    p5_registration = Registration.objects.get(event=event, user=p5)
    assert services.waiting_position(p4_registration) == 1
    assert services.waiting_position(p5_registration) == 2


def test_cancelling_a_waiting_place_promotes_nobody_and_closes_the_gap(make_event, make_user):
    event = make_event(capacity=1)
    p1, p2, p3 = _people(make_user, 3)
    t0 = timezone.now() - dt.timedelta(hours=1)
    for i, person in enumerate([p1, p2, p3]):
        services.register(event, person, now=t0 + dt.timedelta(minutes=i))

    _, promoted = services.cancel(event, p2)

    assert promoted == []
    assert _statuses(event) == {"person1": CONFIRMED, "person2": CANCELLED, "person3": WAITING}
    assert services.waiting_position(Registration.objects.get(event=event, user=p3)) == 1


def test_registering_again_after_cancelling_joins_the_end_of_the_waiting_list(
    make_event, make_user
):
    event = make_event(capacity=1)
    p1, p2, p3 = _people(make_user, 3)
    t0 = timezone.now() - dt.timedelta(hours=1)
    for i, person in enumerate([p1, p2, p3]):
        services.register(event, person, now=t0 + dt.timedelta(minutes=i))
    services.cancel(event, p1, now=t0 + dt.timedelta(minutes=10))  # p2 moves up
    again = services.register(event, p1, now=t0 + dt.timedelta(minutes=20))
    assert again.status == WAITING
    assert services.waiting_position(again) == 2  # behind p3
    assert Registration.objects.filter(event=event, user=p1).count() == 1


def test_registering_twice_keeps_the_first_registration(make_event, make_user):
    event = make_event(capacity=1)
    p1, p2 = _people(make_user, 2)
    first = services.register(event, p1)
    services.register(event, p2)
    second = services.register(event, p1)
    assert second.pk == first.pk and second.status == CONFIRMED
    assert Registration.objects.filter(event=event).count() == 2


def test_without_capacity_everybody_is_confirmed(make_event, make_user):
    event = make_event(capacity=None)
    statuses = {services.register(event, p).status for p in _people(make_user, 7)}
    assert statuses == {CONFIRMED}


def test_raising_the_capacity_moves_waiting_people_up_in_order(make_event, make_user):
    event = make_event(capacity=1)
    people = _people(make_user, 4)
    t0 = timezone.now() - dt.timedelta(hours=1)
    for i, person in enumerate(people):
        services.register(event, person, now=t0 + dt.timedelta(minutes=i))
    event.capacity = 3
    event.save()
    promoted = services.fill_from_waiting_list(event)
    assert [r.user for r in promoted] == people[1:3]
    assert _statuses(event)["person4"] == WAITING


def test_registration_closes_at_the_deadline(make_event, make_user):
    deadline = days_from_now(2)
    event = make_event(registration_deadline=deadline)
    person = make_user(Role.MEMBER)
    with pytest.raises(services.RegistrationError) as error:
        services.register(event, person, now=deadline + dt.timedelta(seconds=1))
    assert error.value.code == "closed"
    assert services.register(event, person, now=deadline - dt.timedelta(seconds=1)).status == (
        CONFIRMED
    )


def test_past_and_unpublished_events_take_no_registrations(make_event, make_user):
    person = make_user(Role.MEMBER)
    past = make_event(start=days_from_now(-3))
    draft = make_event(published=False)
    with pytest.raises(services.RegistrationError) as error:
        services.register(past, person)
    assert error.value.code == "closed"
    with pytest.raises(services.RegistrationError) as error:
        services.register(draft, person)
    assert error.value.code == "unpublished"


def test_attendance_marks_exactly_the_chosen_confirmed_people(make_event, make_user):
    event = make_event(capacity=3)
    people = _people(make_user, 4)
    registrations = [services.register(event, p) for p in people]
    marked = services.set_attendance(event, [registrations[0].pk, registrations[2].pk])
    assert marked == 2
    attended = dict(Registration.objects.filter(event=event).values_list("user__email", "attended"))
    assert attended == {
        "person1@test.local": True,
        "person2@test.local": False,
        "person3@test.local": True,
        "person4@test.local": False,  # waiting: cannot attend
    }
    # a second save replaces the first
    services.set_attendance(event, [registrations[1].pk, registrations[3].pk])
    attended = dict(Registration.objects.filter(event=event).values_list("user__email", "attended"))
    assert [email for email, value in sorted(attended.items()) if value] == ["person2@test.local"]


def test_registration_list_orders_confirmed_waiting_cancelled_with_positions(make_event, make_user):
    event = make_event(capacity=1)
    people = _people(make_user, 4)
    t0 = timezone.now() - dt.timedelta(hours=1)
    for i, person in enumerate(people):
        services.register(event, person, now=t0 + dt.timedelta(minutes=i))
    services.cancel(event, people[2])
    rows = services.registration_list(event)
    assert [(r.user.email[:7], r.status, r.position) for r in rows] == [
        ("person1", CONFIRMED, None),
        ("person2", WAITING, 1),
        ("person4", WAITING, 2),
        ("person3", CANCELLED, None),
    ]
