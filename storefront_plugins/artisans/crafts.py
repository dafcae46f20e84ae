from django.db import models

from storefront_plugins.core.translations import TranslatedText


class Craft(models.TextChoices):
    POTTERY = "pottery", "Poterie"
    ZELLIGE = "zellige", "Zellige"
    CARPET_WEAVING = "carpet_weaving", "Tissage de tapis"
    LEATHERWORK = "leatherwork", "Maroquinerie"
    EMBROIDERY = "embroidery", "Broderie"
    SILVERSMITHING = "silversmithing", "Orfèvrerie et bijouterie"
    WOODWORK = "woodwork", "Travail du bois"
    METALWORK = "metalwork", "Dinanderie"
    BASKETRY = "basketry", "Vannerie"


class Material(models.TextChoices):
    WOOL = "wool", "Laine"
    CLAY = "clay", "Argile"
    LEATHER = "leather", "Cuir"
    SILVER = "silver", "Argent"
    CEDAR = "cedar", "Cèdre"
    ARGAN = "argan", "Argan"
    THUYA = "thuya", "Thuya"
    NATURAL_DYES = "natural_dyes", "Teintures naturelles"
    COPPER = "copper", "Cuivre"
    PALM = "palm", "Palmier doum"


CRAFT_NAMES: dict[str, TranslatedText] = {
    "pottery": TranslatedText("Poterie", "الفخار", "Pottery"),
    "zellige": TranslatedText("Zellige", "الزليج", "Zellige"),
    "carpet_weaving": TranslatedText("Tissage de tapis", "نسج الزرابي", "Carpet weaving"),
    "leatherwork": TranslatedText("Maroquinerie", "الصناعة الجلدية", "Leatherwork"),
    "embroidery": TranslatedText("Broderie", "الطرز", "Embroidery"),
    "silversmithing": TranslatedText(
        "Orfèvrerie et bijouterie", "الصياغة والحلي", "Silversmithing and jewellery"
    ),
    "woodwork": TranslatedText("Travail du bois", "النجارة الفنية", "Woodwork"),
    "metalwork": TranslatedText("Dinanderie", "النحاسة", "Copper and brassware"),
    "basketry": TranslatedText("Vannerie", "صناعة السلال", "Basketry"),
}


def craft_name(code: str) -> TranslatedText:
    return CRAFT_NAMES.get(code) or TranslatedText(fr=code)


MATERIAL_NAMES: dict[str, TranslatedText] = {
    "wool": TranslatedText("Laine", "الصوف", "Wool"),
    "clay": TranslatedText("Argile", "الطين", "Clay"),
    "leather": TranslatedText("Cuir", "الجلد", "Leather"),
    "silver": TranslatedText("Argent", "الفضة", "Silver"),
    "cedar": TranslatedText("Cèdre", "الأرز", "Cedar"),
    "argan": TranslatedText("Argan", "الأركان", "Argan"),
    "thuya": TranslatedText("Thuya", "العرعار", "Thuya"),
    "natural_dyes": TranslatedText("Teintures naturelles", "أصباغ طبيعية", "Natural dyes"),
    "copper": TranslatedText("Cuivre", "النحاس", "Copper"),
    "palm": TranslatedText("Palmier doum", "الدوم", "Doum palm"),
}


def material_name(code: str) -> TranslatedText:
    return MATERIAL_NAMES.get(code) or TranslatedText(fr=code)
