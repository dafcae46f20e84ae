from django.db import models


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
