"""Code lists shared by the rules, the database and the paper forms (domain.md §2, §4).

Each enum's value is the stable code stored in the database and carried in bundles;
``label`` is the Chinese term printed on forms and shown in the UI.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members carry a Chinese label."""

    @property
    def label(self) -> str:
        return type(self)._labels_map()[self.value]

    @classmethod
    def _labels_map(cls) -> dict[str, str]:
        return LABELS[cls.__name__]

    @classmethod
    def from_label(cls, label: str) -> LabelledEnum:
        """Return the member whose Chinese label is ``label`` (raises KeyError)."""
        for value, text in cls._labels_map().items():
            if text == label:
                return cls(value)
        raise KeyError(label)


class Program(LabelledEnum):
    DIBAO = "dibao"
    TEKUN = "tekun"
    LINSHI = "linshi"


class RuleMode(LabelledEnum):
    """Which procedure a case follows (domain.md §6 "Modes")."""

    RULES_2021 = "2021"
    RULES_2012 = "2012"
    DELEGATED = "delegated"


class UrbanRural(LabelledEnum):
    URBAN = "urban"
    RURAL = "rural"


class Sex(LabelledEnum):
    MALE = "M"
    FEMALE = "F"


class Health(LabelledEnum):
    HEALTHY = "healthy"
    CHRONIC = "chronic"
    SERIOUS = "serious"


class DisabilityCategory(LabelledEnum):
    """残疾类别 as coded on the second-generation disability card (domain.md §4)."""

    VISION = "1"
    HEARING = "2"
    SPEECH = "3"
    PHYSICAL = "4"
    INTELLECTUAL = "5"
    MENTAL = "6"
    MULTIPLE = "7"


class LabourCapacity(LabelledEnum):
    FULL = "full"
    PARTIAL_LOSS = "partial"
    FULL_LOSS = "lost"
    NONE = "none"


class Employment(LabelledEnum):
    PRESCHOOL = "preschool"
    STUDENT = "student"
    EMPLOYED = "employed"
    FLEXIBLE = "flexible"
    UNEMPLOYED_REGISTERED = "unemployed_registered"
    UNEMPLOYED = "unemployed"
    RETIRED = "retired"
    FARMING = "farming"


class Marital(LabelledEnum):
    MARRIED = "married"
    SINGLE = "single"
    DIVORCED = "divorced"
    WIDOWED = "widowed"


class HousingType(LabelledEnum):
    COMMERCIAL = "commercial"
    SELF_BUILT = "self_built"
    RESETTLEMENT = "resettlement"
    RENTED = "rented"
    WITH_CHILDREN = "with_children"


class IncomeKind(LabelledEnum):
    """Income items of S1 Art.13; deductions are kinds too (see ``app.domain.income``)."""

    WAGE = "wage"
    BUSINESS = "business"
    FARMING = "farming"
    PROPERTY = "property"
    LAND_TRANSFER = "land_transfer"
    PENSION = "pension"
    BASIC_PENSION = "basic_pension"
    SUPPORT_RECEIVED = "support_received"
    UNEMPLOYMENT = "unemployment"
    COMPENSATION = "compensation"
    GIFT = "gift"
    ALLOWANCE = "allowance"
    SPECIAL_CARE = "special_care"
    FAMILY_PLANNING = "family_planning"
    SCHOLARSHIP = "scholarship"
    HEROISM = "heroism"
    SOCIAL_ASSISTANCE = "social_assistance"
    OTHER = "other"
    EMPLOYMENT_COST = "employment_cost"
    RIGID_EXPENSE = "rigid_expense"
    SUPPORT_PAID = "support_paid"
    TAX_CONTRIBUTION = "tax_contribution"


class AssetKind(LabelledEnum):
    HOUSE = "house"
    VEHICLE = "vehicle"
    DEPOSIT = "deposit"
    SECURITIES = "securities"
    INSURANCE = "insurance"
    BUSINESS = "business"
    LIVESTOCK = "livestock"
    MACHINERY = "machinery"
    OTHER = "other"


class Role(LabelledEnum):
    TOWNSHIP_CLERK = "township_clerk"
    TOWNSHIP_HEAD = "township_head"
    VILLAGE_CADRE = "village_cadre"
    COUNTY_STAFF = "county_staff"
    COUNTY_HEAD = "county_head"
    ADMIN = "admin"


class InstallationKind(LabelledEnum):
    """What an installation is: a township station or the county master (stored in ``installation.kind``)."""

    STATION = "station"
    COUNTY = "county"


class RunStatus(LabelledEnum):
    """A monthly payment run (payment_run.status): frozen from approval on."""

    DRAFT = "draft"
    APPROVED = "approved"
    SENT = "sent"
    CLOSED = "closed"


class FlagStatus(LabelledEnum):
    """A flag on a payment line or a data-matching hit: open until a person clears it or acts on it."""

    OPEN = "open"
    CLEARED = "cleared"
    ACTED = "acted"


class KeyStatus(LabelledEnum):
    """A sync key or a station's registration at the county."""

    ACTIVE = "active"
    REVOKED = "revoked"
    REPLACED = "replaced"


class BundleStatus(LabelledEnum):
    """A bundle's fate: sent (until its receipt), acknowledged, applied, held at a gap, replayed, refused."""

    SENT = "sent"
    ACKED = "acked"
    APPLIED = "applied"
    HELD = "held"
    REPLAY = "replay"
    REFUSED = "refused"


class QueueStatus(LabelledEnum):
    """An item in the county's sync queues (conflicts, duplicates, quarantine)."""

    OPEN = "open"
    RESOLVED = "resolved"
    SUPERSEDED = "superseded"


class AreaLevel(LabelledEnum):
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"


class SelfCare(LabelledEnum):
    SELF_SUFFICIENT = "self"
    PARTIAL = "partial"
    LOST = "lost"


LABELS: dict[str, dict[str, str]] = {
    "Program": {"dibao": "低保", "tekun": "特困供养", "linshi": "临时救助"},
    "RuleMode": {"2021": "2021年办法", "2012": "2012年办法", "delegated": "乡镇审核确认"},
    "UrbanRural": {"urban": "城市", "rural": "农村"},
    "Sex": {"M": "男", "F": "女"},
    "Health": {"healthy": "健康", "chronic": "多病", "serious": "重病"},
    "DisabilityCategory": {
        "1": "视力",
        "2": "听力",
        "3": "言语",
        "4": "肢体",
        "5": "智力",
        "6": "精神",
        "7": "多重",
    },
    "LabourCapacity": {"full": "有", "partial": "部分丧失", "lost": "完全丧失", "none": "无"},
    "Employment": {
        "preschool": "学龄前",
        "student": "在校学生",
        "employed": "在职",
        "flexible": "灵活就业",
        "unemployed_registered": "登记失业",
        "unemployed": "未登记失业",
        "retired": "退休",
        "farming": "务农",
    },
    "Marital": {"married": "已婚", "single": "未婚", "divorced": "离异", "widowed": "丧偶"},
    "HousingType": {
        "commercial": "商品房",
        "self_built": "自建",
        "resettlement": "还建",
        "rented": "租住",
        "with_children": "子女同住",
    },
    "IncomeKind": {
        "wage": "工资性收入",
        "business": "经营净收入",
        "farming": "种植养殖收入",
        "property": "财产净收入",
        "land_transfer": "土地流转收入",
        "pension": "养老金",
        "basic_pension": "城乡居民基础养老金",
        "support_received": "赡扶抚养费",
        "unemployment": "失业保险金",
        "compensation": "赔偿金",
        "gift": "赠与",
        "allowance": "生活补助",
        "special_care": "优抚金",
        "family_planning": "计生奖扶金",
        "scholarship": "奖学金",
        "heroism": "见义勇为奖励",
        "social_assistance": "社会救助金",
        "other": "其他收入",
        "employment_cost": "就业成本",
        "rigid_expense": "因病因残刚性支出",
        "support_paid": "支付的赡扶抚养费",
        "tax_contribution": "个人税费及社保缴费",
    },
    "AssetKind": {
        "house": "房产",
        "vehicle": "车辆",
        "deposit": "存款",
        "securities": "有价证券",
        "insurance": "商业保险",
        "business": "经营实体",
        "livestock": "牲畜",
        "machinery": "大型农机具",
        "other": "其他财产",
    },
    "Role": {
        "township_clerk": "乡镇经办人",
        "township_head": "乡镇负责人",
        "village_cadre": "村干部",
        "county_staff": "县级经办人",
        "county_head": "县级负责人",
        "admin": "系统管理员",
    },
    "AreaLevel": {"county": "县", "township": "乡镇", "village": "村(居)"},
    "InstallationKind": {"station": "乡镇工作站", "county": "县级主库"},
    "RunStatus": {"draft": "草稿（未审批）", "approved": "已审批", "sent": "已送银行", "closed": "已结清"},
    "FlagStatus": {"open": "待处理", "cleared": "已核销", "acted": "已处理"},
    "KeyStatus": {"active": "有效", "revoked": "已吊销", "replaced": "已更换"},
    "BundleStatus": {
        "sent": "已发出",
        "acked": "已确认收到",
        "applied": "已导入",
        "held": "暂存（缺少前序数据包）",
        "replay": "重复导入（无变化）",
        "refused": "已拒绝",
    },
    "QueueStatus": {"open": "待处理", "resolved": "已处理", "superseded": "已被后续数据取代"},
    "SelfCare": {"self": "自理", "partial": "部分丧失", "lost": "完全丧失"},
}
