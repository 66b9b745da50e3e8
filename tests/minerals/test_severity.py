"""Each factor of an event's contribution, on hand-computed cases."""

from __future__ import annotations

import pytest

from faultline.minerals.severity import Locality, locality, modality_weight, severity
from tests.minerals.exposure_cases import REFERENCE, make_event

# ln 7 = 1.945910149..., ln 3 = 1.098612289..., ln 4 = 1.386294361...


@pytest.mark.parametrize(
    ("event_type", "killed", "coup", "expected"),
    [
        pytest.param("ASSAULT", None, None, 1.0, id="assault, no figure: 1 x (1 + ln 1)"),
        pytest.param("ASSAULT", 0, None, 1.0, id="assault, none killed"),
        pytest.param("ASSAULT", 6, None, 2.945910149, id="assault, 6 killed: 1 + ln 7"),
        pytest.param("ASSAULT", 2, "attempted", 4.098612289, id="coup attempt, 2 killed"),
        pytest.param("COERCE", None, "attempted", 2.5, id="coup attempt, no deaths: 0.5 + 2"),
        pytest.param("COERCE", None, "successful", 3.5, id="successful coup: 0.5 + 3"),
        pytest.param("MOBILIZE", None, "plot", 1.3, id="coup plot: 0.3 + 1"),
        pytest.param("SANCTION", None, None, 0.3, id="sanction"),
        pytest.param("PROTEST", 3, None, 0.477258872, id="protest, 3 killed: 0.2 x (1 + ln 4)"),
        pytest.param("THREATEN", None, None, 0.2, id="threat"),
        pytest.param("CONSULT", None, None, 0.0, id="talks weigh nothing"),
        pytest.param("AGREE", 5, None, 0.0, id="a deal weighs nothing, whatever the count"),
        pytest.param("AID", None, "plot", 1.0, id="coup weight alone when the type weighs 0"),
    ],
)
def test_severity_is_type_weight_times_log_deaths_plus_coup(event_type, killed, coup, expected):
    event = make_event(event_type=event_type, killed=killed, coup=coup)
    assert severity(event) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        pytest.param(
            {"admin1": "Lualaba", "place": "Kolwezi"},
            Locality(1.0, "producing province (Lualaba)", "area:cobalt:COD:Lualaba"),
            id="in a producing province",
        ),
        pytest.param(
            {"admin1": "Nord-Kivu", "place": "Goma", "minerals": ("cobalt",)},
            Locality(1.0, "names cobalt"),
            id="names the mineral outside its provinces",
        ),
        pytest.param(
            {"coup": "attempted"},
            Locality(1.0, "coup: national"),
            id="a coup in the capital",
        ),
        pytest.param(
            {"admin1": "Nord-Kivu", "place": "Goma"},
            Locality(0.5, "elsewhere in COD"),
            id="another province of a producing country",
        ),
        pytest.param(
            {"admin1": "Nord-Kivu", "place": "Goma", "minerals": ("tantalum", "minerals")},
            Locality(0.5, "elsewhere in COD"),
            id="naming other or unnamed minerals is not naming cobalt",
        ),
        pytest.param(
            {"admin1": None, "place": "Democratic Republic of the Congo"},
            Locality(0.5, "country-level location"),
            id="only the country is known",
        ),
    ],
)
def test_locality_weight_and_reason(kwargs, expected):
    assert locality(make_event(**kwargs), "cobalt", REFERENCE) == expected


@pytest.mark.parametrize(
    ("mineral", "place", "precision", "expected"),
    [
        pytest.param(
            "cobalt",
            "Katanga",
            "admin1",
            Locality(
                1.0,
                "producing region (Katanga: Haut-Katanga, Lualaba)",
                "area:cobalt:COD:Haut-Katanga",
                "region:COD:Katanga",
            ),
            id="a former province that covers producing ones",
        ),
        pytest.param(
            "tantalum",
            "Kivu",
            "region",
            Locality(
                1.0,
                "producing region (Kivu: Nord-Kivu)",
                "area:tantalum:COD:Nord-Kivu",
                "region:COD:Kivu",
            ),
            id="the Kivus for coltan",
        ),
        pytest.param(
            "cobalt",
            "Kivu",
            "region",
            Locality(0.5, "elsewhere in COD (Kivu)", None, "region:COD:Kivu"),
            id="the Kivus for cobalt",
        ),
        pytest.param(
            "cobalt",
            "northern Democratic Republic of the Congo",
            "region",
            Locality(0.5, "country-level location"),
            id="a region the reference does not map",
        ),
    ],
)
def test_an_event_placed_only_in_a_region_is_in_the_provinces_it_covers(
    mineral, place, precision, expected
):
    event = make_event(admin1=None, place=place, precision=precision)
    assert locality(event, mineral, REFERENCE) == expected


def test_producing_province_wins_over_the_other_reasons():
    event = make_event(admin1="Haut-Katanga", coup="attempted", minerals=("cobalt",))
    found = locality(event, "cobalt", REFERENCE)
    assert found == Locality(
        1.0, "producing province (Haut-Katanga)", "area:cobalt:COD:Haut-Katanga"
    )


def test_province_of_another_mineral_is_elsewhere_for_cobalt():
    event = make_event(admin1="Nord-Kivu", place="Goma")
    assert locality(event, "tantalum", REFERENCE).reason == "producing province (Nord-Kivu)"
    assert locality(event, "cobalt", REFERENCE).weight == 0.5


@pytest.mark.parametrize(
    ("modality", "expected"),
    [
        ("asserted", 1.0),
        ("claimed", 1.0),
        ("hedged", 0.5),
        ("planned", None),
        ("proposed", None),
        ("threatened", None),
        ("hypothetical", None),
        ("negated", None),
    ],
)
def test_modality_weight(modality, expected):
    assert modality_weight(make_event(modality=modality)) == expected
