"""Moroccan regions (2015 division) and Algerian wilayas (2019 division), by ISO 3166-2 code."""

from django.db import models

from storefront_plugins.core.translations import TranslatedText


class Region(models.TextChoices):
    MA_01 = "MA-01", "Tanger-Tétouan-Al Hoceïma"
    MA_02 = "MA-02", "L'Oriental"
    MA_03 = "MA-03", "Fès-Meknès"
    MA_04 = "MA-04", "Rabat-Salé-Kénitra"
    MA_05 = "MA-05", "Béni Mellal-Khénifra"
    MA_06 = "MA-06", "Casablanca-Settat"
    MA_07 = "MA-07", "Marrakech-Safi"
    MA_08 = "MA-08", "Drâa-Tafilalet"
    MA_09 = "MA-09", "Souss-Massa"
    MA_10 = "MA-10", "Guelmim-Oued Noun"
    MA_11 = "MA-11", "Laâyoune-Sakia El Hamra"
    MA_12 = "MA-12", "Dakhla-Oued Ed-Dahab"
    DZ_01 = "DZ-01", "Adrar"
    DZ_02 = "DZ-02", "Chlef"
    DZ_03 = "DZ-03", "Laghouat"
    DZ_04 = "DZ-04", "Oum El Bouaghi"
    DZ_05 = "DZ-05", "Batna"
    DZ_06 = "DZ-06", "Béjaïa"
    DZ_07 = "DZ-07", "Biskra"
    DZ_08 = "DZ-08", "Béchar"
    DZ_09 = "DZ-09", "Blida"
    DZ_10 = "DZ-10", "Bouira"
    DZ_11 = "DZ-11", "Tamanrasset"
    DZ_12 = "DZ-12", "Tébessa"
    DZ_13 = "DZ-13", "Tlemcen"
    DZ_14 = "DZ-14", "Tiaret"
    DZ_15 = "DZ-15", "Tizi Ouzou"
    DZ_16 = "DZ-16", "Alger"
    DZ_17 = "DZ-17", "Djelfa"
    DZ_18 = "DZ-18", "Jijel"
    DZ_19 = "DZ-19", "Sétif"
    DZ_20 = "DZ-20", "Saïda"
    DZ_21 = "DZ-21", "Skikda"
    DZ_22 = "DZ-22", "Sidi Bel Abbès"
    DZ_23 = "DZ-23", "Annaba"
    DZ_24 = "DZ-24", "Guelma"
    DZ_25 = "DZ-25", "Constantine"
    DZ_26 = "DZ-26", "Médéa"
    DZ_27 = "DZ-27", "Mostaganem"
    DZ_28 = "DZ-28", "M'Sila"
    DZ_29 = "DZ-29", "Mascara"
    DZ_30 = "DZ-30", "Ouargla"
    DZ_31 = "DZ-31", "Oran"
    DZ_32 = "DZ-32", "El Bayadh"
    DZ_33 = "DZ-33", "Illizi"
    DZ_34 = "DZ-34", "Bordj Bou Arréridj"
    DZ_35 = "DZ-35", "Boumerdès"
    DZ_36 = "DZ-36", "El Tarf"
    DZ_37 = "DZ-37", "Tindouf"
    DZ_38 = "DZ-38", "Tissemsilt"
    DZ_39 = "DZ-39", "El Oued"
    DZ_40 = "DZ-40", "Khenchela"
    DZ_41 = "DZ-41", "Souk Ahras"
    DZ_42 = "DZ-42", "Tipaza"
    DZ_43 = "DZ-43", "Mila"
    DZ_44 = "DZ-44", "Aïn Defla"
    DZ_45 = "DZ-45", "Naâma"
    DZ_46 = "DZ-46", "Aïn Témouchent"
    DZ_47 = "DZ-47", "Ghardaïa"
    DZ_48 = "DZ-48", "Relizane"
    DZ_49 = "DZ-49", "Timimoun"
    DZ_50 = "DZ-50", "Bordj Badji Mokhtar"
    DZ_51 = "DZ-51", "Ouled Djellal"
    DZ_52 = "DZ-52", "Béni Abbès"
    DZ_53 = "DZ-53", "In Salah"
    DZ_54 = "DZ-54", "In Guezzam"
    DZ_55 = "DZ-55", "Touggourt"
    DZ_56 = "DZ-56", "Djanet"
    DZ_57 = "DZ-57", "El M'Ghair"
    DZ_58 = "DZ-58", "El Meniaa"


def country_of(region: str) -> str:
    """ "MA" or "DZ": the ISO country code the region code starts with."""
    return region.split("-", 1)[0]


# The legal time of each country's regions (Morocco: UTC+1, UTC+0 during Ramadan).
TIME_ZONE_BY_COUNTRY = {"MA": "Africa/Casablanca", "DZ": "Africa/Algiers"}


def time_zone_of(region: str) -> str:
    """The IANA time zone of a region, for dates people read (statements' days and months)."""
    return TIME_ZONE_BY_COUNTRY.get(country_of(region), "UTC")


# Arabic and English names of Morocco's regions; Algeria's wilayas keep their French label.
REGION_NAMES: dict[str, TranslatedText] = {
    "MA-01": TranslatedText(
        "Tanger-Tétouan-Al Hoceïma", "طنجة تطوان الحسيمة", "Tangier-Tetouan-Al Hoceima"
    ),
    "MA-02": TranslatedText("L'Oriental", "الشرق", "Oriental"),
    "MA-03": TranslatedText("Fès-Meknès", "فاس مكناس", "Fez-Meknes"),
    "MA-04": TranslatedText("Rabat-Salé-Kénitra", "الرباط سلا القنيطرة", "Rabat-Sale-Kenitra"),
    "MA-05": TranslatedText("Béni Mellal-Khénifra", "بني ملال خنيفرة", "Beni Mellal-Khenifra"),
    "MA-06": TranslatedText("Casablanca-Settat", "الدار البيضاء سطات", "Casablanca-Settat"),
    "MA-07": TranslatedText("Marrakech-Safi", "مراكش آسفي", "Marrakesh-Safi"),
    "MA-08": TranslatedText("Drâa-Tafilalet", "درعة تافيلالت", "Draa-Tafilalet"),
    "MA-09": TranslatedText("Souss-Massa", "سوس ماسة", "Souss-Massa"),
    "MA-10": TranslatedText("Guelmim-Oued Noun", "كلميم واد نون", "Guelmim-Oued Noun"),
    "MA-11": TranslatedText(
        "Laâyoune-Sakia El Hamra", "العيون الساقية الحمراء", "Laayoune-Sakia El Hamra"
    ),
    "MA-12": TranslatedText("Dakhla-Oued Ed-Dahab", "الداخلة وادي الذهب", "Dakhla-Oued Ed-Dahab"),
}


def region_name(code: str) -> TranslatedText:
    if code in REGION_NAMES:
        return REGION_NAMES[code]
    label = str(Region(code).label) if code in Region.values else code
    return TranslatedText(fr=label, ar=label, en=label)
