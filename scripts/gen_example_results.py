#!/usr/bin/env python3
"""Generates the FICTIONAL sample rosters of the bundled example site (Qin'an County, 2021).

Writes content/people.yaml, content/bodies.yaml, content/statistics.yaml and the meeting.yaml of
every folder under content/meetings/ (index.md narratives are written by hand and left alone).

Everything here is invented except what DOMAIN.md §8 reports: the meetings that took place, the
town party congresses closing on 2021-08-29, and the published averages of the township leaders
(party and government heads 43 -> 40.2 years, all leadership members 39.5 -> 36.8). Names, ages,
votes, delegate counts, the term numbers of the town meetings and the dates of the town people's
congresses are made up; site.yaml's `sample_data: true` puts a banner on every page saying so.
The rosters are built so that huanjie's computed statistics reproduce the published averages.

Deterministic: the same script gives the same files. Run from the repository root:
    python3 scripts/gen_example_results.py
"""

import json
import os
import random

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
CONTENT = os.path.join(ROOT, "content")
rng = random.Random(2021)

SURNAMES = {
    "王": "wang", "李": "li", "张": "zhang", "刘": "liu", "陈": "chen", "杨": "yang", "赵": "zhao",
    "马": "ma", "何": "he", "郭": "guo", "蔡": "cai", "汪": "wang", "雷": "lei", "安": "an",
    "魏": "wei", "田": "tian", "吴": "wu", "胡": "hu", "邓": "deng", "丁": "ding", "于": "yu",
    "万": "wan", "方": "fang", "苏": "su", "孙": "sun", "周": "zhou", "金": "jin", "高": "gao",
    "罗": "luo", "梁": "liang", "韩": "han", "冯": "feng", "程": "cheng", "史": "shi", "贾": "jia",
    "牛": "niu", "任": "ren", "姚": "yao",
}
# Surnames with a special reading (DOMAIN §5), given to a few people on purpose.
SURNAMES.update({"仇": "qiu", "单": "shan", "曾": "zeng", "解": "xie"})
COMMON = [s for s in SURNAMES if s not in "仇单曾解"]
GIVEN_M = {
    "建": "jian", "国": "guo", "文": "wen", "明": "ming", "华": "hua", "军": "jun", "平": "ping",
    "志": "zhi", "宏": "hong", "伟": "wei", "强": "qiang", "刚": "gang", "海": "hai", "东": "dong",
    "林": "lin", "峰": "feng", "涛": "tao", "斌": "bin", "杰": "jie", "勇": "yong", "新": "xin",
    "春": "chun", "晓": "xiao", "瑞": "rui", "鹏": "peng", "磊": "lei", "浩": "hao", "宇": "yu",
    "博": "bo", "彦": "yan", "德": "de", "荣": "rong", "亮": "liang", "辉": "hui", "玉": "yu",
    "凯": "kai", "江": "jiang", "永": "yong", "祥": "xiang", "福": "fu", "俊": "jun", "成": "cheng",
}
GIVEN_F = {
    "丽": "li", "霞": "xia", "梅": "mei", "芳": "fang", "娟": "juan", "静": "jing", "琳": "lin",
    "燕": "yan", "红": "hong", "兰": "lan", "慧": "hui", "婷": "ting", "倩": "qian", "雪": "xue",
    "敏": "min", "玉": "yu", "春": "chun", "晓": "xiao", "文": "wen", "新": "xin",
}
NATIVE = [
    ("甘肃秦安", "Qin'an, Gansu"), ("甘肃秦安", "Qin'an, Gansu"), ("甘肃秦安", "Qin'an, Gansu"),
    ("甘肃甘谷", "Gangu, Gansu"), ("甘肃天水", "Tianshui, Gansu"), ("甘肃通渭", "Tongwei, Gansu"),
    ("甘肃庄浪", "Zhuanglang, Gansu"), ("甘肃清水", "Qingshui, Gansu"),
]

people = []          # dicts in output order
ids = set()
names = set()


def q(s):
    return json.dumps(s, ensure_ascii=False)


def loc(zh, en):
    return "{zh-Hans: %s, en: %s}" % (q(zh), q(en))


def new_name(female, surname=None):
    for _ in range(1000):
        s = surname or rng.choice(COMMON)
        pool = GIVEN_F if female else GIVEN_M
        chars = list(pool)
        given = rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.75 else "")
        if len(given) == 2 and given[0] == given[1]:
            continue
        name = s + given
        if name in names:
            continue
        names.add(name)
        pid = SURNAMES[s] + "-" + "".join(pool[c] for c in given)
        n = 2
        base = pid
        while pid in ids:
            pid = "%s-%d" % (base, n)
            n += 1
        ids.add(pid)
        return name, pid
    raise SystemExit("no free name")


def born_for_age(age, on_month=8, on_year=2021, months=(1, 2, 3, 4, 5, 6, 7, 10, 11, 12)):
    """A birth year-month giving `age` completed years in August/September of on_year.

    Birth months 8 and 9 are avoided so the age is the same on 29 August and 3 September."""
    m = rng.choice(months)
    y = on_year - age - (1 if m > on_month else 0)
    return y, m


def age_on(y, m, year, month):
    return year - y - (1 if month < m else 0)


def person(female=None, age=None, surname=None, post=None, minority=None, education=None, party="cpc"):
    if female is None:
        female = rng.random() < 0.2
    name, pid = new_name(female, surname)
    if age is None:
        age = rng.randint(35, 56)
    y, m = born_for_age(age)
    if education is None:
        education = rng.choices(["postgraduate", "university", "college"], [2, 7, 2])[0]
    if minority is None:
        minority = rng.random() < 0.06
    p = {
        "id": pid, "name": name, "sex": "female" if female else "male",
        "ethnicity": "回族" if minority else None, "born": (y, m), "education": education,
        "native": rng.choice(NATIVE), "post": post, "party": party,
        "work": (y + rng.randint(20, 23), 7), "joined": (y + rng.randint(21, 27), rng.randint(1, 12)),
    }
    # A few people carry private data for the checks; it must never reach the output.
    if len(people) % 15 == 7:
        p["private"] = {"birth_date": "%04d-%02d-%02d" % (y, m, 1 + len(people) % 27), "phone": "0938-000%04d" % len(people)}
    people.append(p)
    return p


def write(path, text):
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write(text)


# ---------------------------------------------------------------- county people

def post(zh, en):
    return (zh, en)


S = {}
S["secretary"] = person(False, 53, post=post("县委书记", "Secretary of the CPC Qin'an County Committee"))
S["head"] = person(False, 49, post=post("县委副书记、县长", "Deputy Secretary of the County Committee, County Head"))
S["deputy"] = person(True, 47, post=post("县委副书记", "Deputy Secretary of the County Committee"))
S["discipline"] = person(False, 51, surname="单", post=post("县委常委、县纪委书记、县监委主任", "Secretary of the County Commission for Discipline Inspection"))
S["organisation"] = person(False, 46, post=post("县委常委、组织部部长", "Head of the Organisation Department"))
S["publicity"] = person(True, 44, surname="曾", post=post("县委常委、宣传部部长", "Head of the Publicity Department"))
S["exec"] = person(False, 48, post=post("县委常委、常务副县长", "Executive Deputy County Head"))
S["legal"] = person(False, 52, post=post("县委常委、政法委书记", "Secretary of the Political and Legal Affairs Commission"))
S["united"] = person(False, 45, minority=True, post=post("县委常委、统战部部长", "Head of the United Front Work Department"))
S["office"] = person(False, 42, post=post("县委常委、县委办公室主任", "Director of the County Committee Office"))
S["army"] = person(False, 47, post=post("县委常委、县人武部政委", "Political Commissar of the County Military Department"))
standing = list(S.values())

R = [person(False, 57, post=post("县人大常委会主任", "Director of the County People's Congress Standing Committee"))]
R += [person(i == 1, rng.randint(50, 57), post=post("县人大常委会副主任", "Deputy Director of the County People's Congress Standing Committee")) for i in range(4)]
R_members = [person(None, rng.randint(40, 58), post=post("县人大常委会委员", "Member of the County People's Congress Standing Committee")) for _ in range(20)]

C = [person(False, 56, post=post("县政协主席", "Chairman of the County CPPCC Committee"))]
C += [person(i == 2, rng.randint(48, 57), party=("cpc" if i < 3 else ("民盟" if i == 3 else "无党派")), post=post("县政协副主席", "Vice-Chairman of the County CPPCC Committee")) for i in range(5)]
C += [person(False, 50, post=post("县政协秘书长", "Secretary-General of the County CPPCC Committee"))]
C_standing = [person(None, rng.randint(38, 60), party=rng.choice(["cpc", "cpc", "cpc", "无党派", "民盟", "民进"]), post=post("县政协常委", "Member of the Standing Committee of the County CPPCC")) for _ in range(20)]

V = [person(i == 1, rng.randint(38, 52), party=("cpc" if i != 4 else "无党派"), post=post("副县长", "Deputy County Head")) for i in range(5)]
court = person(False, 50, post=post("县人民法院院长", "President of the County People's Court"))
procurator = person(True, 48, post=post("县人民检察院检察长", "Chief Procurator of the County People's Procuratorate"))
M = [person(None, rng.randint(40, 55), post=post("县直部门主要负责人", "Head of a county department")) for _ in range(12)]
ALT = [person(None, rng.randint(33, 42), post=post("县直部门负责人", "Deputy head of a county department")) for _ in range(7)]
committee_losers = [person(None, rng.randint(40, 52), post=post("县直部门负责人", "Deputy head of a county department")) for _ in range(4)]
K = [person(None, rng.randint(35, 52), post=post("县纪委监委干部", "Official of the County Commission for Discipline Inspection")) for _ in range(23)]
X = person(False, 45, surname="解", post=post("副县长候选人", "Candidate for Deputy County Head"))

# ---------------------------------------------------------------- towns

TOWNS = [
    ("xingguo", "兴国镇"), ("xichuan", "西川镇"), ("lianhua", "莲花镇"), ("longcheng", "陇城镇"), ("guojia", "郭嘉镇"),
]
# Ages at election of the ten party and government heads: mean 40.2.
HEAD_AGES = [41, 38, 43, 39, 40, 42, 37, 41, 40, 41]
assert sum(HEAD_AGES) == 402
# The other leaders (党委 members, deputy town heads, people's congress leaders): ten per town.
# All sixty together average 36.8: their fifty ages sum to 36.8 * 60 - 402 = 1806.
OTHER_AGES = []
base = [30, 33, 35, 36, 37, 38, 34, 39, 32, 40]
for t in range(5):
    OTHER_AGES += [a + (t % 3) - 1 for a in base]
delta = 1806 - sum(OTHER_AGES)
i = 0
while delta != 0:
    step = 1 if delta > 0 else -1
    OTHER_AGES[i % len(OTHER_AGES)] += step
    delta -= step
    i += 7
assert sum(OTHER_AGES) == 1806

towns = []
for ti, (tid, tzh) in enumerate(TOWNS):
    ages = OTHER_AGES[ti * 10:(ti + 1) * 10]
    t = {"id": tid, "zh": tzh}
    t["secretary"] = person(ti == 2, HEAD_AGES[2 * ti], surname=("仇" if ti == 2 else None), post=post(tzh + "党委书记", "Party Secretary of " + tzh))
    t["head"] = person(ti == 4, HEAD_AGES[2 * ti + 1], post=post(tzh + "党委副书记、镇长", "Deputy Party Secretary and Town Head"))
    t["deputy"] = person(False, ages[0], post=post(tzh + "党委副书记", "Deputy Party Secretary"))
    t["discipline"] = person(ti % 2 == 1, ages[1], post=post(tzh + "党委委员、纪委书记", "Secretary of the Town Commission for Discipline Inspection"))
    t["congress"] = person(False, ages[2], post=post(tzh + "党委委员、人大主席", "Chairman of the Town People's Congress"))
    t["exec"] = person(False, ages[3], post=post(tzh + "党委委员、副镇长", "Deputy Town Head"))
    t["organisation"] = person(ti % 2 == 0, ages[4], post=post(tzh + "党委委员、组织委员", "Organisation Officer"), education="university")
    t["publicity"] = person(True, ages[5], post=post(tzh + "党委委员、宣传委员", "Publicity Officer"))
    t["army"] = person(False, ages[6], post=post(tzh + "党委委员、武装部部长", "Head of the Armed Forces Department"), education="college")
    t["vice_heads"] = [person(i == 0, ages[7 + i], post=post(tzh + "副镇长", "Deputy Town Head")) for i in range(2)]
    t["congress_vice"] = person(ti == 3, ages[9], post=post(tzh + "人大副主席", "Vice-Chairman of the Town People's Congress"))
    t["dis_deputy"] = person(None, rng.randint(30, 45), post=post(tzh + "纪委副书记", "Deputy Secretary of the Town Commission for Discipline Inspection"))
    t["dis_members"] = [person(None, rng.randint(27, 45), post=post(tzh + "纪委委员", "Member of the Town Commission for Discipline Inspection")) for _ in range(3)]
    t["losers"] = [person(None, rng.randint(28, 40), post=post(tzh + "干部", "Town official")) for _ in range(3)]
    towns.append(t)

# ---------------------------------------------------------------- people.yaml

out = ["# FICTIONAL sample people of the example site, generated by scripts/gen_example_results.py.",
       "# Any resemblance of a name to a real person is coincidence. Do not edit by hand: edit the script.",
       ""]
for p in people:
    out.append("- id: %s" % p["id"])
    out.append("  name: %s" % p["name"])
    out.append("  sex: %s" % p["sex"])
    if p["ethnicity"]:
        out.append("  ethnicity: %s" % p["ethnicity"])
    out.append("  born: %04d-%02d" % p["born"])
    out.append("  native_place: %s" % loc(*p["native"]))
    out.append("  education: %s" % p["education"])
    if p["party"] == "cpc":
        out.append("  party_joined: %04d-%02d" % p["joined"])
    elif p["party"] == "民盟":
        out.append("  party: %s" % loc("中国民主同盟", "China Democratic League"))
    elif p["party"] == "民进":
        out.append("  party: %s" % loc("中国民主促进会", "China Association for Promoting Democracy"))
    else:
        out.append("  party: %s" % loc("无党派人士", "No party affiliation"))
    out.append("  work_started: %04d-%02d" % p["work"])
    if p["post"]:
        out.append("  post: %s" % loc(*p["post"]))
    if "private" in p:
        out.append("  private:")
        for k, v in p["private"].items():
            out.append("    %s: %s" % (k, q(v)))
write("content/people.yaml", "\n".join(out) + "\n")

# ---------------------------------------------------------------- bodies.yaml

B = ["# Leadership bodies of the example site (Qin'an County and five of its seventeen towns).", ""]


def body(bid, zh, en, short_zh, short_en, kind, level, place, posts, parent=None, weight=None):
    B.append("- id: %s" % bid)
    B.append("  name: %s" % loc(zh, en))
    B.append("  short_name: %s" % loc(short_zh, short_en))
    B.append("  kind: %s" % kind)
    B.append("  level: %s" % level)
    B.append("  place: %s" % place)
    if parent:
        B.append("  parent: %s" % parent)
    if weight is not None:
        B.append("  weight: %d" % weight)
    B.append("  posts:")
    for pid, name in posts:
        if name:
            B.append("    - {id: %s, name: %s}" % (pid, loc(*name)))
        else:
            B.append("    - {id: %s}" % pid)


body("county-committee", "中国共产党秦安县委员会", "CPC Qin'an County Committee", "县委", "County Committee", "party-committee", "county", "秦安县",
     [("member", None), ("alternate", None)], weight=1)
body("county-standing-committee", "中国共产党秦安县委员会常务委员会", "Standing Committee of the CPC Qin'an County Committee", "县委常委会", "County Standing Committee",
     "party-standing-committee", "county", "秦安县", [("secretary", None), ("deputy-secretary", None), ("standing-member", None)], parent="county-committee", weight=2)
body("county-discipline", "中国共产党秦安县纪律检查委员会", "Qin'an County Commission for Discipline Inspection", "县纪委", "County Discipline Commission",
     "discipline-commission", "county", "秦安县", [("secretary", None), ("deputy-secretary", None), ("standing-member", None), ("member", None)], weight=3)
body("county-congress-standing-committee", "秦安县人民代表大会常务委员会", "Standing Committee of the Qin'an County People's Congress", "县人大常委会", "County People's Congress Standing Committee",
     "congress-standing-committee", "county", "秦安县", [("director", ("主任", "Director")), ("deputy-director", ("副主任", "Deputy Director")), ("member", None)], weight=4)
body("county-government", "秦安县人民政府", "Qin'an County People's Government", "县政府", "County Government", "government", "county", "秦安县",
     [("head", ("县长", "County Head")), ("deputy-head", ("副县长", "Deputy County Head"))], weight=5)
body("county-cppcc", "中国人民政治协商会议秦安县委员会", "Qin'an County Committee of the CPPCC", "县政协", "County CPPCC Committee", "cppcc", "county", "秦安县",
     [("chair", ("主席", "Chairman")), ("vice-chair", ("副主席", "Vice-Chairman")), ("secretary-general", ("秘书长", "Secretary-General")), ("standing-member", ("常务委员", "Member of the Standing Committee"))], weight=6)
body("county-supervision", "秦安县监察委员会", "Qin'an County Supervisory Commission", "县监委", "County Supervisory Commission", "supervisory-commission", "county", "秦安县",
     [("director", ("主任", "Director"))], weight=7)
body("county-court", "秦安县人民法院", "Qin'an County People's Court", "县法院", "County Court", "court", "county", "秦安县", [("president", ("院长", "President"))], weight=8)
body("county-procuratorate", "秦安县人民检察院", "Qin'an County People's Procuratorate", "县检察院", "County Procuratorate", "procuratorate", "county", "秦安县",
     [("chief", ("检察长", "Chief Procurator"))], weight=9)
for t in towns:
    z, en = t["zh"], None
    body(t["id"] + "-party-committee", "中国共产党%s委员会" % z, "CPC %s Committee" % z, "镇党委", "Town Party Committee", "party-committee", "township", z,
         [("secretary", None), ("deputy-secretary", None), ("member", None)], weight=1)
    body(t["id"] + "-discipline", "中国共产党%s纪律检查委员会" % z, "%s Commission for Discipline Inspection" % z, "镇纪委", "Town Discipline Commission", "discipline-commission", "township", z,
         [("secretary", None), ("deputy-secretary", None), ("member", None)], weight=2)
    body(t["id"] + "-government", "%s人民政府" % z, "%s People's Government" % z, "镇政府", "Town Government", "government", "township", z,
         [("head", ("镇长", "Town Head")), ("deputy-head", ("副镇长", "Deputy Town Head"))], weight=3)
    body(t["id"] + "-congress", "%s人民代表大会" % z, "%s People's Congress" % z, "镇人大", "Town People's Congress", "congress-presidium", "township", z,
         [("chair", ("主席", "Chairman")), ("vice-chair", ("副主席", "Vice-Chairman"))], weight=4)
text = "\n".join(B) + "\n"
# English names of town bodies: the town in pinyin, as huanjie writes places.
PLACE_EN = {"兴国镇": "Xingguo Town", "西川镇": "Xichuan Town", "莲花镇": "Lianhua Town", "陇城镇": "Longcheng Town", "郭嘉镇": "Guojia Town"}
for zh, en in PLACE_EN.items():
    text = text.replace('"CPC %s Committee"' % zh, q("CPC %s Committee" % en))
    text = text.replace('"%s Commission for Discipline Inspection"' % zh, q("%s Commission for Discipline Inspection" % en))
    text = text.replace('"%s People\'s Government"' % zh, q("%s People's Government" % en))
    text = text.replace('"%s People\'s Congress"' % zh, q("%s People's Congress" % en))
write("content/bodies.yaml", text)

# ---------------------------------------------------------------- meetings


def ballots(n, invalid=None):
    inv = rng.choice([0, 0, 1, 2]) if invalid is None else invalid
    return "{issued: %d, returned: %d, valid: %d, invalid: %d}" % (n, n, n - inv, inv), n - inv


def election(lines, body_id, post_id, seats, elected, losers=(), entitled=0, present=0, invalid=None, title=None, against=False):
    """Appends an election; the elected get votes above a majority of those entitled, losers less
    than the last elected."""
    b, valid = ballots(present, invalid)
    need = entitled // 2 + 1
    lines.append("  - body: %s" % body_id)
    lines.append("    post: %s" % post_id)
    if title:
        lines.append("    title: %s" % loc(*title))
    lines.append("    seats: %d" % seats)
    lines.append("    ballots: %s" % b)
    lines.append("    candidates:")
    lo = max(need, valid - max(3, valid // 6))
    votes = sorted([rng.randint(lo + len(losers) + 1, valid) for _ in elected], reverse=True)
    floor = min(votes) if votes else valid
    lvotes = sorted([rng.randint(max(1, floor - valid // 4), floor - 1) for _ in losers], reverse=True)
    cands = [(p, v, True) for p, v in zip(elected, votes)] + [(p, v, False) for p, v in zip(losers, lvotes)]
    # A contested ballot lists the candidates in a fixed order (here by code point, standing in
    # for stroke order); an uncontested one keeps the approved order (so rank posts list right).
    if losers:
        cands.sort(key=lambda c: c[0]["name"])
    for p, v, el in cands:
        extra = ""
        if against:
            ag = rng.randint(0, max(0, (valid - v) // 2))
            extra = ", against: %d, abstain: %d" % (ag, valid - v - ag)
        lines.append("    - {person: %s, votes: %d%s%s}" % (p["id"], v, extra, ", elected: true" if el else ""))


def meeting(mid, head, elections_fn):
    lines = head[:]
    lines.append("elections:")
    elections_fn(lines)
    write("content/meetings/%s/meeting.yaml" % mid, "\n".join(lines) + "\n")


def header(kind, level, place, term, start, end, entitled, present, session=None, body_id=None, follows=None, venue=None, agenda=()):
    h = ["# FICTIONAL sample results (see scripts/gen_example_results.py).", "kind: %s" % kind, "level: %s" % level, "place: %s" % place, "term: %d" % term]
    if session:
        h.append("session: %d" % session)
    if body_id:
        h.append("body: %s" % body_id)
    if follows:
        h.append("follows: %s" % follows)
    h += ["start: %s" % start, "end: %s" % end]
    if venue:
        h.append("venue: %s" % loc(*venue))
    h += ["entitled: %d" % entitled, "present: %d" % present]
    if agenda:
        h.append("agenda:")
        h += ["  - %s" % loc(*a) for a in agenda]
    return h


committee = standing + [R[0], C[0], V[0], V[1], V[2], court, procurator] + [t["secretary"] for t in towns] + M
assert len(committee) == 35, len(committee)
discipline = [S["discipline"]] + K[:20]
dis_losers = K[20:23]


def county_congress(lines):
    election(lines, "county-committee", "member", 35, committee, committee_losers, 262, 256)
    election(lines, "county-committee", "alternate", 6, ALT[:6], ALT[6:], 262, 256)
    election(lines, "county-discipline", "member", 21, discipline, dis_losers, 262, 256)


meeting("county-party-congress-17", header("party-congress", "county", "秦安县", 17, "2021-11-23", "2021-11-25", 262, 256,
        venue=("秦安县会议中心", "Qin'an County Conference Centre"),
        agenda=[("听取和审查中共秦安县第十六届委员会的工作报告", "Hear and review the report of the 16th County Committee"),
                ("听取和审查中共秦安县纪律检查委员会的工作报告", "Hear and review the report of the County Commission for Discipline Inspection"),
                ("选举中共秦安县第十七届委员会委员、候补委员", "Elect the members and alternate members of the 17th County Committee"),
                ("选举中共秦安县第十七届纪律检查委员会委员", "Elect the members of the 17th County Commission for Discipline Inspection")]), county_congress)


def committee_plenum(lines):
    election(lines, "county-standing-committee", "standing-member", 11, standing, (), 35, 35, invalid=0)
    election(lines, "county-standing-committee", "secretary", 1, [S["secretary"]], (), 35, 35, invalid=0)
    election(lines, "county-standing-committee", "deputy-secretary", 2, [S["head"], S["deputy"]], (), 35, 35, invalid=0)


meeting("county-committee-plenum-17-1", header("plenum", "county", "秦安县", 17, "2021-11-25", "2021-11-25", 35, 35, session=1, body_id="county-committee", follows="county-party-congress-17",
        agenda=[("选举县委常委、书记、副书记", "Elect the Standing Committee, the Secretary and the Deputy Secretaries")]), committee_plenum)


def discipline_plenum(lines):
    election(lines, "county-discipline", "standing-member", 7, [S["discipline"]] + K[:6], (), 21, 21, invalid=0)
    election(lines, "county-discipline", "secretary", 1, [S["discipline"]], (), 21, 21, invalid=0)
    election(lines, "county-discipline", "deputy-secretary", 2, K[:2], (), 21, 21, invalid=0)


meeting("county-discipline-plenum-17-1", header("plenum", "county", "秦安县", 17, "2021-11-25", "2021-11-25", 21, 21, session=1, body_id="county-discipline", follows="county-party-congress-17",
        agenda=[("选举县纪委常委、书记、副书记", "Elect the Standing Committee, the Secretary and the Deputy Secretaries")]), discipline_plenum)


def peoples_congress(lines):
    e, p = 214, 209
    election(lines, "county-congress-standing-committee", "director", 1, R[:1], (), e, p)
    election(lines, "county-congress-standing-committee", "deputy-director", 4, R[1:5], (), e, p)
    election(lines, "county-congress-standing-committee", "member", 18, R_members[:18], R_members[18:], e, p, against=True)
    election(lines, "county-government", "head", 1, [S["head"]], (), e, p, against=True)
    election(lines, "county-government", "deputy-head", 6, [S["exec"]] + V, [X], e, p, against=True)
    election(lines, "county-supervision", "director", 1, [S["discipline"]], (), e, p)
    election(lines, "county-court", "president", 1, [court], (), e, p)
    election(lines, "county-procuratorate", "chief", 1, [procurator], (), e, p)


meeting("county-peoples-congress-19-1", header("peoples-congress", "county", "秦安县", 19, "2021-11-26", "2021-11-29", 214, 209, session=1,
        venue=("秦安县会议中心", "Qin'an County Conference Centre"),
        agenda=[("审议县人民政府工作报告", "Review the work report of the County Government"),
                ("审议县人大常委会、县人民法院、县人民检察院工作报告", "Review the reports of the Standing Committee, the Court and the Procuratorate"),
                ("选举县人大常委会组成人员、县长、副县长、县监察委员会主任、县人民法院院长、县人民检察院检察长",
                 "Elect the Standing Committee, the County Head and Deputy Heads, the Supervisory Commission's Director, the Court's President and the Chief Procurator")]), peoples_congress)


def cppcc(lines):
    e, p = 186, 181
    election(lines, "county-cppcc", "chair", 1, C[:1], (), e, p)
    election(lines, "county-cppcc", "vice-chair", 5, C[1:6], (), e, p)
    election(lines, "county-cppcc", "secretary-general", 1, C[6:7], (), e, p)
    election(lines, "county-cppcc", "standing-member", 20, C_standing, (), e, p)


meeting("county-cppcc-14-1", header("cppcc", "county", "秦安县", 14, "2021-11-26", "2021-11-28", 186, 181, session=1,
        venue=("秦安县会议中心", "Qin'an County Conference Centre"),
        agenda=[("审议县政协常委会工作报告和提案工作情况报告", "Review the work report of the Standing Committee and the report on proposals"),
                ("选举县政协主席、副主席、秘书长和常务委员", "Elect the Chairman, Vice-Chairmen, Secretary-General and Standing Committee members")]), cppcc)

for ti, t in enumerate(towns):
    z = t["zh"]
    party = [t["secretary"], t["head"], t["deputy"], t["discipline"], t["congress"], t["exec"], t["organisation"], t["publicity"], t["army"]]
    dis = [t["discipline"], t["dis_deputy"]] + t["dis_members"]
    delegates = 118 + 4 * ti
    present = delegates - 2 - ti % 3
    tid = t["id"]

    def town_congress(lines, party=party, dis=dis, t=t, delegates=delegates, present=present):
        election(lines, tid + "-party-committee", "member", 9, party, t["losers"][:1], delegates, present)
        election(lines, tid + "-discipline", "member", 5, dis, t["losers"][1:2], delegates, present)

    meeting("%s-party-congress-15" % tid, header("township-party-congress", "township", z, 15, "2021-08-29", "2021-08-29", delegates, present,
            agenda=[("听取和审查镇党委、镇纪委工作报告", "Hear and review the reports of the town party committee and discipline commission"),
                    ("选举新一届镇党委委员、镇纪委委员", "Elect the new town party committee and discipline commission")]), town_congress)

    def town_plenum(lines, t=t):
        election(lines, tid + "-party-committee", "secretary", 1, [t["secretary"]], (), 9, 9, invalid=0)
        election(lines, tid + "-party-committee", "deputy-secretary", 2, [t["head"], t["deputy"]], (), 9, 9, invalid=0)

    meeting("%s-party-plenum-15-1" % tid, header("plenum", "township", z, 15, "2021-08-29", "2021-08-29", 9, 9, session=1, body_id=tid + "-party-committee",
            follows="%s-party-congress-15" % tid), town_plenum)

    def town_dis_plenum(lines, t=t):
        election(lines, tid + "-discipline", "secretary", 1, [t["discipline"]], (), 5, 5, invalid=0)
        election(lines, tid + "-discipline", "deputy-secretary", 1, [t["dis_deputy"]], (), 5, 5, invalid=0)

    meeting("%s-discipline-plenum-15-1" % tid, header("plenum", "township", z, 15, "2021-08-29", "2021-08-29", 5, 5, session=1, body_id=tid + "-discipline",
            follows="%s-party-congress-15" % tid), town_dis_plenum)

    deputies = 52 + 3 * ti
    dpresent = deputies - 1 - ti % 2

    def town_pc(lines, t=t, deputies=deputies, dpresent=dpresent):
        election(lines, tid + "-congress", "chair", 1, [t["congress"]], (), deputies, dpresent)
        election(lines, tid + "-congress", "vice-chair", 1, [t["congress_vice"]], (), deputies, dpresent)
        election(lines, tid + "-government", "head", 1, [t["head"]], (), deputies, dpresent)
        election(lines, tid + "-government", "deputy-head", 3, [t["exec"]] + t["vice_heads"], t["losers"][2:], deputies, dpresent)

    meeting("%s-peoples-congress-19-1" % tid, header("township-peoples-congress", "township", z, 19, "2021-09-03", "2021-09-03", deputies, dpresent, session=1,
            agenda=[("审议镇人民政府工作报告", "Review the work report of the town government"),
                    ("选举镇人大主席、副主席，镇长、副镇长", "Elect the Chairman and Vice-Chairman of the town people's congress, the Town Head and Deputy Heads")]), town_pc)

# ---------------------------------------------------------------- check the targets as huanjie computes them


def avg_tenths(ages):
    n = len(ages)
    return (sum(ages) * 20 + n) // (2 * n)


heads = [(t["secretary"], (2021, 8)) for t in towns] + [(t["head"], (2021, 9)) for t in towns]
assert avg_tenths([age_on(*p["born"], *d) for p, d in heads]) == 402
leaders = []
for t in towns:
    leaders += [t["secretary"], t["head"], t["deputy"], t["discipline"], t["congress"], t["exec"], t["organisation"], t["publicity"], t["army"]]
    leaders += t["vice_heads"] + [t["congress_vice"]]
assert len({p["id"] for p in leaders}) == 60
assert avg_tenths([age_on(*p["born"], 2021, 8) for p in leaders]) == 368

write("content/statistics.yaml", """# Statistics of the example site. The previous term's figures are those published for all
# seventeen towns (DOMAIN §8); the example holds five towns' FICTIONAL rosters, built so that
# the computed figures match the published ones (scripts/gen_example_results.py).
age_bands: [30, 35, 40, 45, 50]
groups:
  - id: township-heads
    name: {zh-Hans: 乡镇党政正职, en: Township party and government heads}
    note:
      zh-Hans: 乡镇党委书记和镇长。示例数据只包含全县17个镇中的5个；上届数字为全县公布数字。
      en: "Town party secretaries and town heads. The sample data holds five of the seventeen towns; previous-term figures are those published for the county."
    select:
      - {kind: party-committee, level: township, posts: [secretary]}
      - {kind: government, level: township, posts: [head]}
    previous: {average_age: 43}
  - id: township-leaders
    name: {zh-Hans: 乡镇领导班子成员, en: Township leadership members}
    note:
      zh-Hans: 镇党委委员、镇政府领导和镇人大主席、副主席。示例数据只包含全县17个镇中的5个；上届数字为全县公布数字。
      en: "Members of the town party committees, the town heads and deputy heads, and the chairmen of the town people's congresses. Five of the seventeen towns; previous-term figures as published."
    select:
      - {kind: party-committee, level: township}
      - {kind: government, level: township}
      - {kind: congress-presidium, level: township}
    previous: {average_age: 39.5}
  - id: township-party-committees
    name: {zh-Hans: 乡镇党委, en: Town party committees}
    select:
      - {kind: party-committee, level: township}
  - id: county-committee
    name: {zh-Hans: 县委委员、候补委员, en: Members and alternate members of the County Committee}
    select:
      - {body: county-committee}
  - id: county-standing-committee
    name: {zh-Hans: 县委常委会, en: County Standing Committee}
    select:
      - {body: county-standing-committee}
""")
print("%d people, %d towns" % (len(people), len(towns)))
