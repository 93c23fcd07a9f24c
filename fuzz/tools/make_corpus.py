#!/usr/bin/env python3
"""Regenerates the committed seed corpora under fuzz/corpus/ (except the
model seeds, see make_model_seeds.sh).

Seeds are hand-made files plus small slices of data whose licence allows
shipping them in the source tree:
  * UD English EWT (CC BY-SA 4.0)                     -> conllu, reader
  * PETRARCH unit tests / UniversalPetrarch (MIT)     -> reader (xml, jsonl)
  * data/dictionaries (PETRARCH2, MIT)                -> dictionary
  * data/cameo tables (see data/cameo/README.md)      -> cameo
  * Correlates-of-War signed networks (signnet, MIT)  -> edge_list
TABARI's suite is GPL-3.0 test data and is not used: TABARI seeds are hand-made.

Usage: fuzz/tools/make_corpus.py [SHARED_DIR]   (default: ../shared beside the repo)
"""
import hashlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(ROOT), "shared")
CORPUS = os.path.join(ROOT, "fuzz", "corpus")


def rd(*parts):
    with open(os.path.join(*parts), "rb") as f:
        return f.read()


def shared(*parts):
    return rd(SHARED, *parts)


def data(*parts):
    return rd(ROOT, "data", *parts)


def put(target, name, content):
    if isinstance(content, str):
        content = content.encode("utf-8")
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(content)


def lines(b, start, n):
    return b"".join(b.splitlines(keepends=True)[start:start + n])


def first_sentences(conllu, n):
    out, count = [], 0
    for block in conllu.split(b"\n\n"):
        if not block.strip():
            continue
        out.append(block + b"\n\n")
        count += 1
        if count == n:
            break
    return b"".join(out)


def xml_records(xml, n, start_id=None):
    """The first n <Sentence>...</Sentence> records (from start_id if given)."""
    s = xml.decode("utf-8")
    i = s.find("<Sentence " if start_id is None else 'id="%s"' % start_id)
    i = s.rfind("<Sentence", 0, i + 1) if start_id else i
    out = []
    for _ in range(n):
        j = s.find("</Sentence>", i)
        if j < 0:
            break
        out.append(s[i:j + len("</Sentence>")])
        i = s.find("<Sentence ", j)
        if i < 0:
            break
    return "\n".join(out)


# ------------------------------------------------------------ conllu / reader
ewt = shared("data", "ud-english-ewt", "en_ewt-ud-dev.conllu")
ewt_small = first_sentences(ewt, 6)
put("conllu", "ewt-dev-6.conllu", ewt_small)
# Sentences with multiword tokens and empty nodes.
mwt = [b for b in ewt.split(b"\n\n") if b"\n" in b and any(l.split(b"\t")[0].find(b"-") > 0 for l in b.split(b"\n") if l and not l.startswith(b"#"))]
put("conllu", "ewt-multiword.conllu", b"\n\n".join(mwt[:3]) + b"\n\n")
train = shared("data", "ud-english-ewt", "en_ewt-ud-train.conllu")
empty = [b for b in train.split(b"\n\n") if any(l.split(b"\t")[0].find(b".") > 0 for l in b.split(b"\n") if l and not l.startswith(b"#"))]
put("conllu", "ewt-empty-nodes.conllu", b"\n\n".join(empty[:2]) + b"\n\n")
put("conllu", "hand-malformed.conllu",
    "# sent_id = bad-1\n1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n2\tdog\n\n"
    "# sent_id = bad-2\n1\tX\tx\tX\tX\t_\t7\tdep\t_\t_\n\n"
    "# sent_id = bad-3\n2\tX\tx\tX\tX\t_\t0\troot\t_\t_\n1\tY\ty\tX\tX\t_\t2\tdep\t_\t_\n\n"
    "# sent_id = ok\n# text = Hi!\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n2\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_\n")
put("conllu", "hand-crlf-bom.conllu",
    b"\xef\xbb\xbf# newdoc id = d1\r\n# sent_id = s1\r\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\r\n"
    b"1\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\r\n2\tn't\tnot\tPART\tRB\t_\t1\tadvmod\t_\t_\r\n\r\n")

put("reader", "5-ewt.conllu", b"5" + first_sentences(ewt, 3))
put("reader", "5-newdoc.conllu", b"5# newdoc id = a\n" + first_sentences(ewt, 1) + b"# newdoc\n" + mwt[0] + b"\n\n")
put("reader", "0-sniff.conllu", b"0# sent_id = x\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n")

# Text: the seed article, a title case and hygiene cases.
seed = ("Alliance Chief Visits Seoul\n\n"
        "The alliance's secretary-general arrived in Seoul on Sunday, the first leg of a two-nation tour.\n\n"
        "Officials in Beijing and Pyongyang said on Monday that the bloc's growing footprint was not welcome. "
        "\u201cWe hope it can abandon the Cold War mentality,\u201d a spokeswoman said.\n\n"
        "Dr. Smith (U.S.) met Mr. Kim at 3:30 p.m.; they signed a 5.2-billion-dollar deal -- or so it seemed...\n"
        ).encode("utf-8")  # hand-written news-like text
put("reader", "1-seed-article.txt", b"1" + seed[:3000])
put("reader", "1-hygiene.txt",
    b"1Short title\r\n\r\n\xef\xbb\xbfLine\xc2\xa0one\x00 with\xe2\x80\xa8NUL and\x07 bell.\r\nCafe\xcc\x81 \xe2\x80\x9cquoted\xe2\x80\x9d\n\n\n")
put("reader", "1-bad-utf8.txt", b"1Good start \xc3\x28 bad \xed\xa0\x80 surrogate \xf8\x88\x80\x80\x80\n")
put("reader", "0-sniff.txt", b"0Plain text without a title.\n")
put("reader", "q-limit.txt", b"q" + seed[:400])

# JSONL: slices of the normalized suites (MIT) and hand-made edge cases.
ut = shared("data", "validation", "petrarch-unit-tests", "unittest.normalized.jsonl")
put("reader", "2-unittest.jsonl", b"2" + lines(ut, 0, 2))
up = shared("data", "validation", "up-validate-2.02", "validate_2_02.normalized.jsonl")
put("reader", "2-up-conllu.jsonl", b"2" + lines(up, 0, 1))
put("reader", "2-hand.jsonl",
    '2{"id":"a","date":"Aug 4, 2008","text":"One.","n":1.5e3,"b":true,"x":null,"o":{"k":[1,2]}}\n'
    '\n{"id":"b","date":"2023-02-30","text":""}\n'
    '{"text":"no id","expected":[{"source":"ARN","target":"GON","code":"064","w":2}]}\n'
    '{"id":"c","parse":"(ROOT (S (NP (NNP X)) (VP (VBD said)) (. .)))","parse_format":"ptb"}\n'
    '{"id":"d","text":"\\u00e9\\ud83d\\ude00 \\u2028x"}\n'
    '{"id": 5, "text": 7}\n{broken\n[1,2]\n')
put("reader", "2-array.json", '2[{"id":"a","text":"First."},{"id":"b","text":"Second.","date":"20080804"}]\n')
put("reader", "0-sniff.jsonl", '0{"id":"s","text":"Sniffed JSON."}\n')
put("reader", "r-limit.jsonl", 'r{"id":"a","text":"' + "x" * 100 + '"}\n{"id":"b","text":"ok"}\n')

# PETRARCH XML (MIT suites) and the leniencies the reader documents.
ptx = shared("data", "validation", "petrarch-unit-tests", "PETR.UnitTest.records.xml")
put("reader", "3-petr-unittest.xml", "3<Sentences>\n" + xml_records(ptx, 2) + "\n</Sentences>\n")
upx = shared("data", "validation", "up-validate-2.02", "PETR_Validate_records_2_02.xml")
put("reader", "3-up-validate.xml", "3<Validation><Sentences>\n" + xml_records(upx, 1) + "\n</Sentences></Validation>\n")
put("reader", "3-lenient.xml",
    '3<?xml version="1.0" encoding="utf-8"?>\n<Validation>\n<!-- a comment -- with dashes -->\n'
    '<Environment><Config/></Environment>\n<Sentences>\n'
    '<Sentence date="20080804" id="A-1" source="AFP" extra="v"/>\n'
    '<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>\n'
    '<Text>\n  Arnor &amp; Gondor   met.\n</Text>\n</Sentence>\n'
    '<Sentence id="A-2" date="bad"><PLEvent {"source":"X","target":"Y","code":"010"}>\n<Text></Text>\n'
    '<Parse>\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n</Parse>\n</Sentence>\n'
    '<Sentence id="A-3"><Text>&undefined; entity</Text></Sentence>\n'
    '<Sentence id="A-4"><Text>truncated\n')
put("reader", "3-doctype.xml", '3<!DOCTYPE x [<!ENTITY e "boom">]>\n<Sentences><Sentence id="e"><Text>&e;</Text></Sentence></Sentences>\n')
put("reader", "0-sniff.xml", '0<Sentences><Sentence id="s"><Text>Sniffed.</Text></Sentence></Sentences>\n')

# TABARI: hand-made (the TABARI suite is GPL-3.0 and not shipped).
put("reader", "4-hand.text",
    "4# a file comment\n"
    "950101 DEMO-01 extra header\nArnor restored ties with Gondor.\n/* { ARN / GON / 064 } -{ ARN / MOR / 111 } */\n\n"
    "19950102 DEMO-02\nGondor accused\nMordor of lying. /* { OPTION: require_dyad = false } { +++ }\n"
    "still comment */\nafter comment\n\n"
    "1234567 ODD-DATE\nSeven digit date. /* unclosed comment\n\n"
    "stray line outside a record\n"
    "950103\nHeader without id.\n\n")
put("reader", "0-sniff.text", "0950101 S-1\nSniffed TABARI record.\n\n")

# ------------------------------------------------------------ dictionaries
verbs = data("dictionaries", "CAMEO.2.0.txt")
vtext = verbs.decode("utf-8", "replace")
# The synset block from the start of the file and a few verb blocks.
i = vtext.find("####### VERB PATTERNS #######")
head = vtext[:min(len(vtext), 6000)]
put("dictionary", "0-cameo-head.txt", "0" + head)
j = vtext.find("--- ABANDON")
if j < 0:
    j = vtext.find("\n--- ") + 1
put("dictionary", "0-cameo-blocks.txt", "0" + vtext[j:j + 6000])
pv = shared("data", "validation", "petrarch-unit-tests", "PETR.Validate.verbs.2.0.txt").decode("utf-8", "replace")
put("dictionary", "0-petr-validate.txt", "0" + pv[:8000])
put("dictionary", "0-hand.txt",
    "0&CURRENCY\n+DOLLAR\n+EURO_\n+&MONEY\n&MONEY\n+CASH\n+&CURRENCY\n\n"
    "####### VERB PATTERNS #######\n"
    "--- ACCUSE  [112] ---\nACCUSE\n+ACCUSES\nWIRE_TAP [172]\n"
    "- * $ OF + [111:112]  # comment\n- ^ * BY/WITH &CURRENCY + [---]\n- { $ } * ( IN + ) [:173]\n"
    "- * [042\n- * &UNKNOWN [010]\n"
    "~ a (a b ATTACK) SAY = a b 015\n~ a (a . Q) Q = . b Q\n"
    "--- BROKEN\n")
acts = data("dictionaries", "Phoenix.Countries.actors.txt")
put("dictionary", "1-countries.txt", b"1" + lines(acts, 0, 120))
intl = data("dictionaries", "Phoenix.International.actors.txt")
put("dictionary", "1-international.txt", b"1" + lines(intl, 200, 80))
put("dictionary", "1-hand.txt",
    "1UNITED_STATES [USA]\n+AMERICA\n+U.S.\n\t[USAGOV >20090120]\n\t[USAMIL 20000101-20091231]\n\t[USA <19991231]\n"
    "ARNOR_ [ARN] # comment\n+&BAD\n\t[XXX 2009-01-01]\nGONDOR\n\t[GON]\n[ORPHAN]\n")
agents = data("dictionaries", "Phoenix.agents.txt")
put("dictionary", "2-agents.txt", b"2" + lines(agents, 0, 150))
put("dictionary", "2-hand.txt", "2!minist! [GOV]\nPOLICE {POLICEMEN} [COP]\nREBEL_ [REB]\nHALF [\n")
disc = data("dictionaries", "Phoenix.discards.txt")
put("dictionary", "3-discards.txt", b"3" + lines(disc, 0, 120))
put("dictionary", "3-hand.txt", "3+SOCCER\nBASKETBAL_ +\nFOOT BALL\n#comment\n+\n")

# ------------------------------------------------------------ cameo
SEP = b"\x1e"
master = data("cameo", "cameo_master.tsv")
tables = [
    lines(master, 0, 40),
    b"", b"",
    lines(data("cameo", "GDELT.CAMEO.country.from-etk.txt"), 0, 20),
    lines(data("cameo", "GDELT.CAMEO.type.from-etk.txt"), 0, 15),
    lines(data("cameo", "GDELT.CAMEO.knowngroup.from-etk.txt"), 0, 10),
    lines(data("cameo", "GDELT.CAMEO.religion.from-etk.txt"), 0, 10),
    lines(data("cameo", "GDELT.CAMEO.ethnic.from-etk.txt"), 0, 10),
    data("cameo", "plover_scores.tsv")[:2000],
    data("cameo", "plover_event_types.tsv")[:2000],
]
put("cameo", "master-and-actors.bin", SEP.join(tables))
put("cameo", "master-full.bin", master)
gd = [b"", lines(data("cameo", "GDELT.CAMEO.eventcodes.txt"), 0, 60),
      lines(data("cameo", "GDELT.CAMEO.goldsteinscale.txt"), 0, 60)]
put("cameo", "gdelt-pair.bin", SEP.join(gd))
put("cameo", "hand-bad-rows.bin",
    lines(master, 0, 3) + b"0211\t3\t02\t021\tx\ty\t9\t7\tnan\t1e400\t-\tAGREE\t\t\t\n"
    b"5\t1\t5\t5\tshort\n\t\t\n" + SEP + SEP + SEP + b"CODE\tLABEL\nCHN\tChina\nCH\tshort\nCHN\tdup\n")

# ------------------------------------------------------------ edge lists
cow = shared("data", "networks", "cow-doreian-mrvar", "cow_46_49.csv")
put("edge_list", "cow-46-49-head.csv", lines(cow, 0, 80))
tribes = shared("data", "networks", "classic", "tribes_gahuku_gama.csv")
put("edge_list", "tribes.csv", tribes)
put("edge_list", "hand.csv",
    b"\xef\xbb\xbf# comment\r\nfrom,to,sign,weight\r\n\"a, b\",c,-10,2.5\r\n  d , e ,+1\r\nc,\"a, b\",5,2.5\r\n"
    b"x,x,1\r\ny,z,0\r\ny,z,1,-1\r\ny,z,nan\r\n\"unterminated,z,1\r\n,z,1\r\nq,r,1,1e308\r\nq,r,1,1e308\r\n"
    b"s,t,1,inf\r\n\"he said \"\"hi\"\"\",t,-1\r\none,two\r\n")

# ------------------------------------------------------------ event JSON
put("event_json", "hand.jsonl",
    '{"id":"e1","doc_id":"seed-nato-asia","date":"2023-01-30","source_name":"Newsweek","sentence_id":"s3",'
    '"sentence_index":3,"event_index":0,"is_root_event":true,"source_actor":"CHNGOV","source_text":"China",'
    '"target_actor":"IGOWSTNAT","target_text":"NATO","code":"111","code_name":"Criticize or denounce",'
    '"root_code":"11","base_code":"111","code_resolved":"111","code_fallback":false,"quad_class":3,'
    '"penta_class":3,"goldstein":-2.0,"goldstein_scale":"gdelt","plover_type":"ACCUSE","plover_mode":"",'
    '"plover_context":"","source_parts":{"country":"CHN","types":["GOV"],"unknown":false},'
    '"target_parts":{"other":"WSTNAT","known_group":"IGO","types":[]},'
    '"source_span":{"sentence":3,"begin":10,"end":11},"verb_span":{"sentence":3,"begin":12,"end":13},'
    '"pattern":"- $ * +","sentence_text":"China objected to NATO."}\n'
    '{"code":"042","goldstein":null,"source_actor":"USA\\u00e9","target_actor":"KOR"}\n'
    '{"code": 111}\n{"goldstein":"x"}\n{"source_parts":{"types":["A","B","C","D"]}}\n'
    '{"source_span":{"sentence":-1,"begin":4294967296,"end":1e20}}\n{"goldstein":1e400}\n[]\n')
put("event_json", "minimal.jsonl", '{}\n{"code":"01"}\n')

total = {}
for t in os.listdir(CORPUS):
    p = os.path.join(CORPUS, t)
    if os.path.isdir(p):
        total[t] = sum(os.path.getsize(os.path.join(p, f)) for f in os.listdir(p))
for t, n in sorted(total.items()):
    print("%-20s %8d bytes" % (t, n))
