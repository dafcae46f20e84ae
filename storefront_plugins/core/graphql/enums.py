import graphene


class LanguageCodeEnum(graphene.Enum):
    FR = "fr"
    AR = "ar"
    EN = "en"
