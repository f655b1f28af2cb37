from dataclasses import dataclass

import pytest
from django.template import Context, Template
from django.utils import translation

from communs.french import at, of, with_prepositions


@pytest.mark.parametrize(
    ("name", "liaison", "de", "a"),
    [
        ("Annecy", None, "d’Annecy", "à Annecy"),
        ("Écully", None, "d’Écully", "à Écully"),
        ("Le Havre", None, "du Havre", "au Havre"),
        ("Les Mureaux", None, "des Mureaux", "aux Mureaux"),
        ("La Rochelle", None, "de La Rochelle", "à La Rochelle"),
        ("L'Haÿ-les-Roses", None, "de L'Haÿ-les-Roses", "à L'Haÿ-les-Roses"),
        ("Lyon", None, "de Lyon", "à Lyon"),
        # An initial H may be mute or aspirated: without INSEE's article type, "de".
        ("Hérouville-Saint-Clair", None, "de Hérouville-Saint-Clair", "à Hérouville-Saint-Clair"),
        ("Hérouville-Saint-Clair", 1, "d’Hérouville-Saint-Clair", "à Hérouville-Saint-Clair"),
        ("Hautmont", 0, "de Hautmont", "à Hautmont"),
        # Départements carry their article apart from their name.
        ("Nord", 2, "du Nord", "au Nord"),
        ("Yvelines", 4, "des Yvelines", "aux Yvelines"),
        ("Ain", 5, "de l’Ain", "à l’Ain"),
        ("Le Havre", 2, "du Havre", "au Havre"),
        ("Les Mureaux", 4, "des Mureaux", "aux Mureaux"),
        ("Aux Marais", 6, "des Marais", "aux Marais"),
        ("Los Masos", 8, "de Los Masos", "à Los Masos"),
    ],
)
def test_de_and_a_before_a_name(name, liaison, de, a):
    assert (of(name, liaison), at(name, liaison)) == (de, a)


@dataclass
class Place:
    name: str
    name_liaison: int | None


def test_a_formatted_sentence_is_corrected_for_its_names_only():
    text = "Résultats de OpenProject à Le Havre, de Annecy et de Lyon"
    assert with_prepositions(text, "OpenProject", Place("Le Havre", 2), "Annecy") == (
        "Résultats d’OpenProject au Havre, d’Annecy et de Lyon"
    )
    assert with_prepositions("De Annecy à Les Mureaux", "Annecy", "Les Mureaux") == (
        "D’Annecy aux Mureaux"
    )
    # Only a whole name after a whole word: "Annecy-le-Vieux" and "fonde Annecy" stay.
    assert with_prepositions("de Annecy-le-Vieux, fonde Annecy", "Annecy") == (
        "de Annecy-le-Vieux, fonde Annecy"
    )
    # English has neither word.
    assert with_prepositions("Results of OpenProject at Annecy", "OpenProject", "Annecy") == (
        "Results of OpenProject at Annecy"
    )


def test_the_template_filter_corrects_escaped_names():
    template = Template(
        "{% load i18n french %}{% blocktranslate asvar text with name=name %}"
        "Members of {{ name }}{% endblocktranslate %}{{ text|prepositions:name }}"
    )
    with translation.override("fr"):
        # A sentence that French writes with "de %(name)s": the filter fixes it.
        rendered = Template(
            "{% load french %}{% with text='Membres de '|add:name %}"
            "{{ text|prepositions:name }}{% endwith %}"
        ).render(Context({"name": "L'Isle-d'Abeau"}))
        assert rendered == "Membres de L&#x27;Isle-d&#x27;Abeau"
        rendered = Template(
            "{% load french %}{% with text='Membres de '|add:name %}"
            "{{ text|prepositions:name }}{% endwith %}"
        ).render(Context({"name": "Orléans <b>"}))
        assert rendered == "Membres d’Orléans &lt;b&gt;"
    assert template.render(Context({"name": "Annecy"})) == "Members of Annecy"
