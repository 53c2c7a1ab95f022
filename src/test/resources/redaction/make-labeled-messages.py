#!/usr/bin/env python3
"""Writes labeled-messages.json: realistic customer messages with the exact spans the Redactor must mask.

Run from this directory: python3 make-labeled-messages.py. Seeded, so the output is the same every time.
Each template is a list of parts: plain text, or (kind, value) for a span to mask; "none" values are hard negatives
written into the text unlabeled. Messages alternate between the "tune" and the "test" half after a seeded shuffle.
"""
import json
import random

rng = random.Random(11)


def luhn_complete(prefix, length):
    digits = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return digits + str((10 - total % 10) % 10)


def luhn_ok(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def group(digits, sizes, sep):
    out, at = [], 0
    for s in sizes:
        out.append(digits[at:at + s])
        at += s
    if at < len(digits):
        out.append(digits[at:])
    return sep.join(p for p in out if p)


def card():
    kind = rng.choice(["visa", "visa", "mc", "mc", "amex", "disc", "mc2", "jcb"])
    if kind == "visa":
        d = luhn_complete("4", 16)
    elif kind == "mc":
        d = luhn_complete(str(rng.randint(51, 55)), 16)
    elif kind == "mc2":
        d = luhn_complete(str(rng.randint(2221, 2720)), 16)
    elif kind == "amex":
        d = luhn_complete(rng.choice(["34", "37"]), 15)
        return rng.choice([group(d, [4, 6, 5], " "), group(d, [4, 6, 5], "-"), d])
    elif kind == "disc":
        d = luhn_complete("6011", 16)
    else:
        d = luhn_complete("35" + str(rng.randint(28, 89)), 16)
    return rng.choice([group(d, [4, 4, 4, 4], " "), group(d, [4, 4, 4, 4], "-"), d, group(d, [4, 4, 4, 4], " ")])


def bad_card():
    while True:
        d = card().replace(" ", "").replace("-", "")
        d = d[:-1] + str((int(d[-1]) + rng.randint(1, 9)) % 10)
        if not luhn_ok(d):
            return rng.choice([group(d, [4, 4, 4, 4], " "), d, group(d, [4, 4, 4, 4], "-")])


def mod97(s):
    r = 0
    for ch in s:
        if ch.isdigit():
            r = (r * 10 + int(ch)) % 97
        else:
            r = (r * 100 + ord(ch) - 55) % 97
    return r


BBANS = {
    "DE": lambda: digits(18), "GB": lambda: rng.choice(["NWBK", "BARC", "MIDL", "LOYD"]) + digits(14),
    "FR": lambda: digits(23), "NL": lambda: rng.choice(["ABNA", "INGB", "RABO"]) + digits(10),
    "ES": lambda: digits(20), "IT": lambda: rng.choice("ABCX") + digits(22), "BE": lambda: digits(12),
    "AT": lambda: digits(16), "CH": lambda: digits(17), "PL": lambda: digits(24), "IE": lambda: "AIBK" + digits(14),
    "PT": lambda: digits(21), "NO": lambda: digits(11), "DK": lambda: digits(14),
}


def digits(n):
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def iban(valid=True):
    country = rng.choice(list(BBANS))
    bban = BBANS[country]()
    check = 98 - mod97(bban + country + "00")
    if not valid:
        check = (check + rng.randint(1, 90)) % 97 + 2
        if check > 98:
            check -= 97
        if mod97(bban + country + "%02d" % check) == 1:
            check = check + 1 if check < 98 else 2
    text = country + "%02d" % check + bban
    style = rng.random()
    if style < 0.55:
        text = " ".join(text[i:i + 4] for i in range(0, len(text), 4))
    elif style < 0.65:
        text = text.lower() if valid else text
    return text


def phone():
    f = rng.randrange(17)
    n = lambda k: digits(k)
    if f == 0:
        return "+1 (%s) %s-%s" % (rng.randint(201, 989), n(3), n(4))
    if f == 1:
        return "+44 20 %s %s" % (n(4), n(4))
    if f == 2:
        return "+44 7%s %s" % (n(3), n(6))
    if f == 3:
        return "+49 30 %s" % n(7)
    if f == 4:
        return "+33 6 %s %s %s %s" % (n(2), n(2), n(2), n(2))
    if f == 5:
        return "+31 6 %s" % n(8)
    if f == 6:
        return "%s-%s-%s" % (rng.randint(201, 989), n(3), n(4))
    if f == 7:
        return "(%s) %s-%s" % (rng.randint(201, 989), n(3), n(4))
    if f == 8:
        return "%s.%s.%s" % (rng.randint(201, 989), n(3), n(4))
    if f == 9:
        return "1-800-%s-%s" % (n(3), n(4))
    if f == 10:
        return "020 %s %s" % (n(4), n(4))
    if f == 11:
        return "07%s %s" % (n(3), n(6))
    if f == 12:
        return "06-%s" % n(8)
    if f == 13:
        return "030/%s" % n(7)
    if f == 14:
        return "0%s %s %s %s %s" % (rng.randint(1, 7), n(2), n(2), n(2), n(2))
    if f == 15:
        return "+%s%s" % (rng.choice(["44", "49", "33", "1"]), n(10))
    return "0044 20 %s %s" % (n(4), n(4))


FIRST = ["john", "maria", "li.wei", "a.kowalski", "sam", "olga", "jp", "fatima", "noah", "emma"]
LAST = ["smith", "garcia", "chen", "nguyen", "mueller", "rossi", "dubois", "okafor", "tanaka", "jansen"]
DOMAINS = ["gmail.com", "yahoo.co.uk", "outlook.com", "web.de", "icloud.com", "proton.me", "mail.example.org",
           "company.co", "orange.fr", "hotmail.it"]


def email():
    f = rng.randrange(12)
    user = rng.choice(FIRST) + rng.choice([".", "_", "", "+shop."]) + rng.choice(LAST) + rng.choice(["", "", str(rng.randint(1, 99))])
    dom = rng.choice(DOMAINS)
    if f == 0:
        return (user + "@" + dom).upper()
    if f == 1:
        return "José.Núñez@correo.es"
    if f == 2:
        head, tld = dom.rsplit(".", 1)
        return "%s [at] %s [dot] %s" % (user, head.replace(".", " [dot] "), tld)
    if f == 3:
        return "%s(at)%s" % (user, dom)
    if f == 4:
        head, tld = dom.rsplit(".", 1)
        return "%s at %s dot %s" % (rng.choice(FIRST).replace(".", ""), head.replace(".", " dot "), tld)
    if f == 5:
        return "%s @ %s" % (user, dom)
    return user + "@" + dom


ORDER = lambda: "#W%s" % digits(7)
NEG = {
    "order": lambda: rng.choice(["#W%s" % digits(7), "W%s" % digits(7), "#%s" % digits(7), "order %s" % digits(8)]),
    "item": lambda: rng.choice(["item %s" % digits(10), "product id %s" % digits(10), "SKU %s" % digits(9),
                                "item no. %s" % digits(10)]),
    "tracking": lambda: rng.choice(["1Z%s%s" % (rng.choice(["999AA1", "A12B34"]), digits(10)),
                                    "9400 %s %s %s %s %s" % (digits(4), digits(4), digits(4), digits(4), digits(2)),
                                    "tracking number %s" % digits(12), "TBA%s" % digits(12),
                                    "%s %s %s" % (digits(4), digits(4), digits(4))]),
    "price": lambda: rng.choice(["$%d,%03d.%02d" % (rng.randint(1, 9), rng.randint(0, 999), rng.randint(0, 99)),
                                 "€ %d.%03d,00" % (rng.randint(1, 9), rng.randint(0, 999)),
                                 "%d %03d €" % (rng.randint(1, 99), rng.randint(0, 999)),
                                 "USD %d,%03d,%03d" % (rng.randint(1, 9), rng.randint(0, 999), rng.randint(0, 999)),
                                 "£%d.%02d" % (rng.randint(5, 999), rng.randint(0, 99))]),
    "date": lambda: rng.choice(["2024-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28)),
                                "%02d.%02d.%d" % (rng.randint(1, 28), rng.randint(1, 12), rng.randint(2019, 2026)),
                                "%02d/%02d/%d" % (rng.randint(1, 12), rng.randint(1, 28), rng.randint(2019, 2026)),
                                "%d/%d/%02d" % (rng.randint(1, 28), rng.randint(1, 12), rng.randint(19, 26))]),
    "zip": lambda: rng.choice(["%05d" % rng.randint(10000, 99999), "%05d-%04d" % (rng.randint(10000, 99999),
                               rng.randint(0, 9999)), "SW1A 2AA", "1012 AB", "75008"]),
    "qty": lambda: rng.choice(["%d units" % rng.randint(1000000, 9999999), "%d pcs" % rng.randint(100, 99999),
                               "sizes 38 39 40 41 42", "%d %d %d" % (rng.randint(1, 9), rng.randint(1, 9),
                                                                      rng.randint(1, 9))]),
    "year": lambda: rng.choice(["in %d and %d" % (rng.randint(2015, 2020), rng.randint(2021, 2025)),
                                "in 2019 2020 2021", "every year since %d" % rng.randint(1990, 2024)]),
    "badcard": bad_card,
    "badiban": lambda: iban(valid=False),
    "notemail": lambda: rng.choice(["@parley_support", "user@localhost", "5@10 each", "meet @ 5pm",
                                    "john.smith at the store", "support at amazon.com"]),
    "ten": lambda: digits(10),
    "ip": lambda: "%d.%d.%d.%d" % (rng.randint(10, 250), rng.randint(100, 250), rng.randint(100, 250),
                                   rng.randint(100, 250)),
    "isbn": lambda: "978-%d-%02d-%06d-%d" % (rng.randint(0, 9), rng.randint(10, 99), rng.randint(0, 999999),
                                            rng.randint(0, 9)),
    "time": lambda: "%d:%02d-%d:%02d" % (rng.randint(8, 11), rng.choice([0, 15, 30]), rng.randint(12, 18),
                                         rng.choice([0, 30])),
}

P = lambda: ("phone", phone())
E = lambda: ("email", email())
C = lambda: ("card", card())
I = lambda: ("iban", iban())
N = lambda k: ("none", NEG[k]())

POSITIVE = [
    lambda: ["Hi, please call me back at ", P(), " about my order ", N("order"), "."],
    lambda: ["my email is ", E(), " thanks"],
    lambda: ["You can reach me on ", P(), " or by email: ", E()],
    lambda: ["I paid with card ", C(), " but the payment failed twice."],
    lambda: ["Please refund to my IBAN ", I(), ", the account holder is me."],
    lambda: ["Card: ", C(), " exp 09/27"],
    lambda: ["Hello! I changed my phone number, the new one is ", P()],
    lambda: ["Send the invoice to ", E(), ", not to my old address please."],
    lambda: ["For the return refund use ", I(), " (my bank account)."],
    lambda: ["mobile ", P()],
    lambda: ["Contact: ", E(), " / ", P()],
    lambda: ["why was ", C(), " charged twice on ", N("date"), "?"],
    lambda: ["Can you update my email from ", E(), " to ", E(), "?"],
    lambda: ["whatsapp ", P(), " pls"],
    lambda: ["I'm at work until 6, text me on ", P(), " when the courier comes."],
    lambda: ["my card number is ", C(), " and cvv is 123"],
    lambda: ["Bank transfer from ", I(), " on ", N("date"), " for ", N("price")],
    lambda: ["<", E(), ">"],
    lambda: ["mailto:", E()],
    lambda: ["The delivery guy should ring ", P(), ", the doorbell is broken."],
    lambda: ["Wrong charge of ", N("price"), " on my card ", C(), ", order ", N("order")],
    lambda: ["IBAN: ", I(), " BIC: DEUTDEFFXXX"],
    lambda: ["Hi, it's me again (", E(), "). Any news on ", N("order"), "?"],
    lambda: ["Please call ", P(), " between ", N("time"), "."],
    lambda: ["email ", E(), ", phone ", P(), ", address Hauptstraße 12, ", N("zip"), " Berlin"],
]

NEGATIVE = [
    lambda: ["Where is my order ", N("order"), "? It's been 10 days."],
    lambda: ["The tracking says ", N("tracking"), " but nothing moved since ", N("date"), "."],
    lambda: ["I want to return ", N("item"), ", it's the wrong size."],
    lambda: ["Is ", N("item"), " in stock? I need ", N("qty"), "."],
    lambda: ["The price was ", N("price"), " yesterday and now it's ", N("price"), "?!"],
    lambda: ["Delivered to 1600 Amphitheatre Parkway, Mountain View, CA ", N("zip"), " on ", N("date")],
    lambda: ["I tried my card again but got an error, the number ", N("badcard"), " is typed right I think"],
    lambda: ["Is this IBAN right? ", N("badiban")],
    lambda: ["Product code ", N("ten"), " arrived broken."],
    lambda: ["I bought the same jacket ", N("year"), "."],
    lambda: ["Follow us ", N("notemail"), " for updates? I saw it on Instagram."],
    lambda: ["My router at ", N("ip"), " can't reach your site."],
    lambda: ["The book ISBN ", N("isbn"), " is missing pages."],
    lambda: ["Opening hours ", N("time"), " on ", N("date"), "?"],
    lambda: ["I have ", N("qty"), " left, order ", N("order"), " was short."],
    lambda: ["Invoice ", N("ten"), " shows ", N("price"), " but I paid ", N("price"), "."],
    lambda: ["Reference ", N("tracking"), ", please check."],
    lambda: ["Hi there, ", N("notemail"), " said to ask you."],
    lambda: ["Order ", N("order"), " and ", N("order"), " came together, thanks!"],
    lambda: ["It's ", N("ten"), " on the box, is that the serial?"],
    lambda: ["My account id is ", N("ten"), "."],
    lambda: ["Deliver after ", N("date"), " to ", N("zip"), " please"],
    lambda: ["I got two charges: ", N("price"), " and ", N("price"), "."],
    lambda: ["The code on the label is ", N("tracking")],
    lambda: ["We ordered ", N("qty"), " for the office ", N("year")],
]

MIXED = [
    lambda: ["Order ", N("order"), " (", N("price"), "), card ", C(), ", call ", P()],
    lambda: ["Tracking ", N("tracking"), " is stuck. Email me at ", E(), "."],
    lambda: ["item ", N("ten"), " broken; refund to ", I(), " please"],
    lambda: ["Not this card: ", N("badcard"), ". Use ", C(), " instead."],
    lambda: ["The IBAN ", N("badiban"), " bounced, try ", I()],
    lambda: ["On ", N("date"), " I called ", P(), " about ", N("order"), " and nobody answered."],
    lambda: ["Zip ", N("zip"), ", phone ", P(), ", delivered ", N("date")],
]


def render(parts):
    text, spans = "", []
    for p in parts:
        if isinstance(p, tuple):
            kind, value = p
            if kind != "none":
                spans.append({"kind": kind, "start": len(text), "end": len(text) + len(value), "text": value})
            text += value
        else:
            text += p
    return {"text": text, "spans": spans}


HANDWRITTEN = [
    ("Call me: +1 415-555-0132 or at the office (415) 555 0199 ext. 12", [("phone", "+1 415-555-0132"), ("phone", "(415) 555 0199")]),
    ("my number is 5551234567", [("phone", "5551234567")]),
    ("call me on 5551234567", [("phone", "5551234567")]),
    ("Order number 9523456873 - when does it ship?", []),
    ("9523456873", []),
    ("my mobile: 0612345678", [("phone", "0612345678")]),
    ("Tel:+4930901820", [("phone", "+4930901820")]),
    ("Quantity 2500000, price 19.99", []),
    ("Reach me at 555-1234 after 5", [("phone", "555-1234")]),
    ("The total is 1.299.000 VND", []),
    ("Model 4111-1111-1111 keeps failing", []),
    ("Amex 3782 822463 10005 was declined", [("card", "3782 822463 10005")]),
    ("test card 4111111111111111", [("card", "4111111111111111")]),
    ("Order #4111111111111111 is not a card", []),
    ("GB82WEST12345698765432 is my account", [("iban", "GB82WEST12345698765432")]),
    ("GB82 WEST 1234 5698 7654 33 was rejected", []),
    ("NL91ABNA0417164300", [("iban", "NL91ABNA0417164300")]),
    ("de89 3704 0044 0532 0130 00", [("iban", "de89 3704 0044 0532 0130 00")]),
    ("FR14 2004 1010 0505 0001 3M02 606 please", [("iban", "FR14 2004 1010 0505 0001 3M02 606")]),
    ("write to support@parley.io, or to me: anna.k@example.com.", [("email", "support@parley.io"), ("email", "anna.k@example.com")]),
    ("Email: \"bob.o'neil@example.ie\"", [("email", "bob.o'neil@example.ie")]),
    ("twitter @janedoe, insta @jane.doe", []),
    ("I live at 221B Baker Street, London NW1 6XE", []),
    ("between 10 and 12 on 12.05.2025", []),
    ("my phone number changed to 07911 123456, thanks", [("phone", "07911 123456")]),
    ("Sizes 36 38 40 and 42 please", []),
    ("it costs $ 1 299 now", []),
    ("Reach me: +33 (0)1 42 68 53 00", [("phone", "+33 (0)1 42 68 53 00")]),
    ("Invoice INV-2024-000123 and PO 4500012345", []),
    ("Flight LH 400 on 2025-06-01, booking ref 7X3K9Q", []),
]
HANDWRITTEN += [
    ("Hey!! my new cell is (212)555-0187, old one 212 555 0100 is gone", [("phone", "(212)555-0187"), ("phone", "212 555 0100")]),
    ("pls refund on visa ending 4242", []),
    ("card ends with 1234 5678", []),
    ("I was charged 2x 49.99 on 03-04-2025", []),
    ("Dear team, Kontoinhaber: Max Mustermann, IBAN DE02 1203 0000 0000 2020 51, danke", [("iban", "DE02 1203 0000 0000 2020 51")]),
    ("Virement depuis FR7630006000011234567890189 svp", [("iban", "FR7630006000011234567890189")]),
    ("ES91 2100 0418 4502 0005 1332 is where the refund should go", [("iban", "ES91 2100 0418 4502 0005 1332")]),
    ("The parcel id is 00340434161094042557", []),
    ("DHL JJD000390007567899123 still not delivered", []),
    ("My name is Ana, ana_lopez93@hotmail.es , tel 612 34 56 78", [("email", "ana_lopez93@hotmail.es"), ("phone", "612 34 56 78")]),
    ("apt 4B, 350 Fifth Ave, New York, NY 10118-0110", []),
    ("call 0800 123 4567 is your hotline? its always busy", [("phone", "0800 123 4567")]),
    ("We need 12 500 pieces by 15 June", []),
    ("number of items: 1 2 3 4 5 6 7", []),
    ("payment ref 2024110500123 failed", []),
    ("MasterCard 5555-5555-5555-4444, expiry 12/26", [("card", "5555-5555-5555-4444")]),
    ("Its 5105 1051 0510 5100", [("card", "5105 1051 0510 5100")]),
    ("can u send it to maria.rossi+orders@libero.it instead", [("email", "maria.rossi+orders@libero.it")]),
    ("JOHN.DOE@EXAMPLE.COM", [("email", "JOHN.DOE@EXAMPLE.COM")]),
    ("I live at 42 Wallaby Way, Sydney NSW 2000, ph 02 9876 5432", [("phone", "02 9876 5432")]),
    ("Kundennummer 4711081542, Handy 0171 2345678", [("phone", "0171 2345678")]),
    ("the box says LOT 20240517 EXP 2026-05", []),
    ("version 10.2.3.4567 of your app crashes", []),
    ("Price list: 1.250.000 / 2.500.000", []),
    ("IMEI 356938035643809 is blocked", []),
    ("reach me via +61 2 9876 5432 or email tim@bigpond.net.au", [("phone", "+61 2 9876 5432"), ("email", "tim@bigpond.net.au")]),
    ("Spent 1,234,567 points so far lol", []),
    ("Tracking 420902109400111202555842761018", []),
    ("order 112-7465538-1234567 from amazon", []),
    ("cc 378282246310005 please charge this one", [("card", "378282246310005")]),
    ("GB33BUKB20201555555555", [("iban", "GB33BUKB20201555555555")]),
    ("GB33BUKB20201555555556", []),
    ("CH93 0076 2011 6238 5295 7", [("iban", "CH93 0076 2011 6238 5295 7")]),
    ("my bf's email is chris [at] mail [dot] com lol", [("email", "chris [at] mail [dot] com")]),
    ("The ticket #123-456-7890 was closed", []),
    ("please ring the office landline 01632 960983 before 5pm", [("phone", "01632 960983")]),
    ("order placed 2024/12/01 at 14:32:10", []),
    ("coords 48.8584, 2.2945", []),
    ("I have 2 kids aged 5 and 7, 3 bags of 20 kg", []),
    ("My card 4000 0566 5566 5556 was declined, order #W1234567", [("card", "4000 0566 5566 5556")]),
]


def main():
    messages = []
    for _ in range(110):
        messages.append(render(rng.choice(POSITIVE)()))
    for _ in range(150):
        messages.append(render(rng.choice(NEGATIVE)()))
    for _ in range(50):
        messages.append(render(rng.choice(MIXED)()))
    for text, spans in HANDWRITTEN:
        out, at = [], 0
        for kind, value in spans:
            start = text.index(value, at)
            out.append({"kind": kind, "start": start, "end": start + len(value), "text": value})
            at = start + len(value)
        messages.append({"text": text, "spans": out})
    rng.shuffle(messages)
    for i, m in enumerate(messages):
        m["id"] = "m%03d" % (i + 1)
        m["split"] = "tune" if i % 2 == 0 else "test"
    ordered = [{"id": m["id"], "split": m["split"], "text": m["text"], "spans": m["spans"]} for m in messages]
    doc = {
        "description": "Customer messages with the exact spans (UTF-16 offsets, end exclusive) the Redactor masks. "
                       "Written by make-labeled-messages.py; see docs/benchmarks.md, 'PII redaction (issue 11)'.",
        "messages": ordered,
    }
    with open("labeled-messages.json", "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
