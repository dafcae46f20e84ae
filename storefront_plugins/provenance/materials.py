"""The raw materials a piece's provenance names: a fixed list, labelled in three languages."""

from django.db import models

from storefront_plugins.core.translations import TranslatedText


class ProvenanceMaterial(models.TextChoices):
    SAFI_RED_CLAY = "safi_red_clay", "Argile rouge de Safi"
    FES_CLAY = "fes_clay", "Argile de Fès"
    ENAMEL = "enamel", "Émail"
    WOOL = "wool", "Laine"
    NATURAL_DYES = "natural_dyes", "Teintures naturelles"
    COTTON = "cotton", "Coton"
    GOAT_LEATHER = "goat_leather", "Cuir de chèvre"
    COW_LEATHER = "cow_leather", "Cuir de vachette"
    SILK_THREAD = "silk_thread", "Fil de soie"
    SILVER_925 = "silver_925", "Argent 925"
    CARNELIAN = "carnelian", "Cornaline"
    CEDAR = "cedar", "Cèdre"
    THUYA = "thuya", "Thuya"
    ARGAN = "argan", "Argan"
    COPPER = "copper", "Cuivre"
    DOUM_PALM = "doum_palm", "Palmier doum"


MATERIAL_NAMES: dict[str, TranslatedText] = {
    "safi_red_clay": TranslatedText("Argile rouge de Safi", "طين آسفي الأحمر", "Safi red clay"),
    "fes_clay": TranslatedText("Argile de Fès", "طين فاس", "Fez clay"),
    "enamel": TranslatedText("Émail", "المينا", "Enamel"),
    "wool": TranslatedText("Laine", "الصوف", "Wool"),
    "natural_dyes": TranslatedText("Teintures naturelles", "أصباغ طبيعية", "Natural dyes"),
    "cotton": TranslatedText("Coton", "القطن", "Cotton"),
    "goat_leather": TranslatedText("Cuir de chèvre", "جلد الماعز", "Goat leather"),
    "cow_leather": TranslatedText("Cuir de vachette", "جلد البقر", "Cowhide"),
    "silk_thread": TranslatedText("Fil de soie", "خيط الحرير", "Silk thread"),
    "silver_925": TranslatedText("Argent 925", "فضة 925", "925 silver"),
    "carnelian": TranslatedText("Cornaline", "العقيق الأحمر", "Carnelian"),
    "cedar": TranslatedText("Cèdre", "الأرز", "Cedar"),
    "thuya": TranslatedText("Thuya", "العرعار", "Thuya"),
    "argan": TranslatedText("Argan", "الأركان", "Argan"),
    "copper": TranslatedText("Cuivre", "النحاس", "Copper"),
    "doum_palm": TranslatedText("Palmier doum", "الدوم", "Doum palm"),
}


def material_name(code: str) -> TranslatedText:
    return MATERIAL_NAMES.get(code) or TranslatedText(fr=code)
