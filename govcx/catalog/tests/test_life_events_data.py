from govcx.catalog.models import LifeEvent


def test_the_executive_order_life_events_ship_as_data(db: None) -> None:
    events = LifeEvent.objects.filter(kind=LifeEvent.Kind.LIFE_EVENT)
    experiences = LifeEvent.objects.filter(kind=LifeEvent.Kind.LIFE_EXPERIENCE)
    assert events.count() == 11
    assert experiences.count() == 5
    assert events.filter(name="Surviving a disaster").exists()
    assert experiences.filter(name="Approaching retirement").exists()
