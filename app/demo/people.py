"""Plausible invented people and places for the demo: names, villages, members of a household."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.domain import idcard
from app.domain.codes import DisabilityCategory, Health, Sex

SURNAMES = (
    "李王张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯董程曹袁邓许傅沈曾彭吕苏卢蒋蔡"
    "贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔毛邱秦江史顾侯邵孟龙万段雷"
    "钱汤尹黎易常武乔贺赖龚文严胡付"
)
MALE_CHARS = "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘"  # noqa: E501
FEMALE_CHARS = "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝丽阳妮宝贝初程梵罡恒鸿桦骅剑娇纪宽苛灵玛媚琪晴容睿烁堂唯威韦雯苇萱阅彦宇雨洋忠宗曼紫逸贤蝶菡绿蓝儿翠烟"  # noqa: E501
VILLAGE_WORDS = (
    "和平",
    "团结",
    "胜利",
    "红星",
    "长岭",
    "桃花",
    "荷花",
    "莲湖",
    "青山",
    "白鹤",
    "金盆",
    "洞庭",
    "幸福",
    "永兴",
    "丰收",
    "东湖",
    "西岗",
    "南山",
    "北堤",
    "新华",
    "联合",
    "先锋",
    "太平",
    "兴隆",
    "万福",
    "双桥",
    "三合",
    "五星",
    "六合",
    "七里",
    "八一",
    "九龙",
    "十字",
    "石桥",
    "杨柳",
    "梅岭",
)
COMMUNITY_WORDS = ("城关", "新街", "建设", "人民", "解放", "文化")
STAFF = ("刘建国", "周敏", "李卫东", "陈芳", "王志强", "黄丽", "谭晓军", "蔡红梅", "罗斌", "邓娟")
ILLNESSES = ("尿毒症", "恶性肿瘤", "白血病", "脑卒中后遗症", "重性精神病", "慢性肾衰竭")
BANKS = ("华容县农村商业银行", "中国农业银行华容支行", "中国邮政储蓄银行华容县支行")


@dataclass
class MemberSpec:
    name: str
    sex: Sex
    birth: date
    relation: str
    id_number: str
    health: Health = Health.HEALTHY
    illness: str = ""
    disability: DisabilityCategory | None = None
    grade: int | None = None
    student: bool = False
    employment: str = ""
    marital: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def villages_for(township9: str, rng: random.Random, count: int = 12) -> list[tuple[str, str, bool]]:
    """(12-digit code, name, urban) for invented communities (00x) and villages (2xx)."""
    result: list[tuple[str, str, bool]] = []
    communities = rng.sample(COMMUNITY_WORDS, 2)
    for i, word in enumerate(communities, start=1):
        result.append((f"{township9}{i:03d}", f"{word}社区", True))
    for i, word in enumerate(rng.sample(VILLAGE_WORDS, count - len(communities)), start=201):
        result.append((f"{township9}{i:03d}", f"{word}村", False))
    return result


class PersonFactory:
    """Makes members with unique valid ID numbers (area code of the county)."""

    def __init__(self, rng: random.Random, county6: str) -> None:
        self.rng = rng
        self.county6 = county6
        self.used: set[str] = set()

    def name(self, sex: Sex, surname: str | None = None) -> str:
        chars = MALE_CHARS if sex is Sex.MALE else FEMALE_CHARS
        given = self.rng.choice(chars) + (self.rng.choice(chars) if self.rng.random() < 0.8 else "")
        return (surname or self.rng.choice(SURNAMES)) + given

    def id_number(self, birth: date, sex: Sex) -> str:
        while True:
            seq = self.rng.randrange(0, 1000)
            if (seq % 2 == 1) != (sex is Sex.MALE):
                seq = (seq + 1) % 1000
            number = idcard.make_id(self.county6, birth, seq)
            if number not in self.used:
                self.used.add(number)
                return number

    def birth(self, age: int, today: date) -> date:
        return today - timedelta(days=age * 365 + self.rng.randrange(0, 365))

    def member(
        self, relation: str, sex: Sex, age: int, today: date, surname: str | None = None
    ) -> MemberSpec:
        birth = self.birth(max(age, 0), today)
        spec = MemberSpec(self.name(sex, surname), sex, birth, relation, self.id_number(birth, sex))
        roll = self.rng.random()
        if roll < 0.14:
            spec.disability = self.rng.choice(list(DisabilityCategory))
            spec.grade = self.rng.choice((1, 2, 2, 3, 3, 4))
        elif roll < 0.24:
            spec.health = Health.SERIOUS
            spec.illness = self.rng.choice(ILLNESSES)
        elif roll < 0.40:
            spec.health = Health.CHRONIC
        if 6 <= age <= 22 and self.rng.random() < 0.85:
            spec.student = True
        return spec

    def household(self, today: date) -> list[MemberSpec]:
        """A head and the members living with them; sizes 1–6, weighted to small households."""
        rng = self.rng
        size = rng.choices((1, 2, 3, 4, 5, 6), weights=(24, 26, 20, 15, 10, 5))[0]
        head_age = rng.randint(62, 92) if size == 1 and rng.random() < 0.6 else rng.randint(28, 85)
        head_sex = Sex.MALE if rng.random() < 0.7 else Sex.FEMALE
        surname = rng.choice(SURNAMES)
        head = self.member("02", head_sex, head_age, today, surname)
        members = [head]
        if size >= 2 and rng.random() < 0.75:
            spouse_sex = Sex.FEMALE if head_sex is Sex.MALE else Sex.MALE
            spouse = self.member(
                "12" if spouse_sex is Sex.FEMALE else "11",
                spouse_sex,
                max(20, head_age + rng.randint(-5, 4)),
                today,
            )
            members.append(spouse)
        order = 0
        while len(members) < size:
            child_age = head_age - rng.randint(22, 36)
            if child_age >= 0 and order < 5:
                order += 1
                sex = Sex.MALE if rng.random() < 0.5 else Sex.FEMALE
                code = ("2" if sex is Sex.MALE else "3") + str(order + 1)
                members.append(self.member(code, sex, child_age, today, surname if sex is Sex.MALE else None))
            elif head_age < 50:
                sex = Sex.MALE if rng.random() < 0.5 else Sex.FEMALE
                members.append(
                    self.member("51" if sex is Sex.MALE else "52", sex, head_age + rng.randint(22, 32), today)
                )
            else:
                sex = Sex.MALE if rng.random() < 0.5 else Sex.FEMALE
                members.append(
                    self.member(
                        "41" if sex is Sex.MALE else "42",
                        sex,
                        max(0, head_age - rng.randint(45, 60)),
                        today,
                        surname,
                    )
                )
        for m in members:
            m.marital = (
                "married"
                if m.relation in ("02", "11", "12") and len(members) > 1
                else ("widowed" if m.relation == "02" and head_age > 65 else "single")
            )
        return members
