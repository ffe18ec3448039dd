import random, datetime, string
R = random.Random(20261201)

FIRST_M = ["James","Robert","Luis","Andre","Terrence","Wei","Mohammed","Dmitri","Harold","Kevin","Raymond","Tomas","Jamal","Arthur","Desmond","Victor","Elijah","Gordon","Samuel","Ignacio","Curtis","Bernard","Oscar","Phillip","Rajesh","Kenji","Lonnie","Marcus","Duane","Felix"]
FIRST_F = ["Maria","Linda","Aisha","Dolores","Keisha","Mei","Fatima","Olga","Gloria","Brenda","Priya","Yolanda","Naomi","Ruth","Tamika","Ingrid","Rosa","Hannah","Evelyn","Lucia","Darlene","Sofia","Nadia","Beatrice","Carmen","Joan","Latoya","Miriam","Esther","Kaylee"]
LAST = ["Haverford","Okonkwo","Delacroix","Brandvold","Quintero","Ashby","Nakagawa","Pellegrini","Osei","Lindqvist","Marchetti","Abernathy","Torvik","Salcedo","Whitcombe","Ferreira","Kowalczyk","Dunmore","Iwasaki","Rahimi","Galloway","Thibodeaux","Vasquez-Lee","McAllister","Strand","Oyelaran","Pruitt","Castellanos","Bergstrom","Tran","Holloway","Esposito","Yilmaz","Ndiaye","Farrow","Kaczmarek","Albright","Mendoza","Sorensen","Blackwood"]
DOC_FIRST = ["Anita","Charles","Priyanka","Howard","Elena","Samir","Grace","Martin","Leah","Omar","Julia","Stefan","Renee","Victor","Hiroshi","Amara","Douglas","Catherine","Nikhil","Beth"]
DOC_LAST = ["Reinholt","Adeyemi","Sato","Kessler","Marquez","Farouk","Lindholm","Whitaker","Bose","Carrow","Petrakis","Lund","Ocampo","Greer","Tanaka","Mbeki","Falk","Ruiz","Hartigan","Voss","Chandra","Okafor","Bellamy","Szabo","Moreau"]
INST = ["Riverside Regional Medical Center","St. Brendan's Hospital","Lakeview Community Hospital","North Ridge University Medical Center","Mercy Valley Health","Cedar Plains Medical Center","Harborview Memorial Hospital","Sunset Hills General","Pine County Hospital","Eastgate Health System"]
CLINICS = ["Maple Street Family Practice","Westside Internal Medicine Associates","Bayshore Cardiology Group","Summit Orthopedic & Sports Medicine","Lakeview Women's Health","Northside Pediatrics","Greenway Nephrology Associates","Riverbend Neurology Clinic","Harbor GI & Endoscopy","Valley Pulmonary & Sleep","Oakmont Urology","Clearwater Dermatology","Cedar Behavioral Health","Brookfield Geriatric Care","Pinecrest ENT","Horizon Eye Institute","Eastgate Oncology & Hematology"]
STREETS = ["Alder Ln","Birch Ave","Commerce Dr","Fairview Rd","Garnet St","Hillcrest Blvd","Juniper Ct","Kingsley Way","Larkspur Dr","Mill Pond Rd","Northgate Pkwy","Orchard St","Prospect Ave","Quarry Rd","Rosewood Ter"]
CITIES = [("Millbrook","OH","44"),("Fairhaven","MA","02"),("Cedar Falls","IA","50"),("Port Ellis","WA","98"),("Greenville","SC","29"),("Oak Ridge","TN","37"),("Lakewood","CO","80"),("Riverton","WY","82"),("Stanton","MN","55"),("Bellmont","PA","19")]

def pick(x): return R.choice(x)
def chance(p): return R.random() < p

def sex():
    return pick(["M","F"])

def person(s=None):
    s = s or sex()
    f = pick(FIRST_M if s=="M" else FIRST_F)
    return f, pick(LAST), s

def doctor():
    return f"{pick(DOC_FIRST)} {pick(DOC_LAST)}"

def doc_cred():
    return pick(["MD","MD","MD","DO","MD, FACP","MD, PhD"])

def mrn():
    fmt = pick(["{:08d}","MR{:07d}","{:07d}","E{:09d}","{:010d}"])
    return fmt.format(R.randint(1000000, 99999999))

def acct():
    return str(R.randint(100000000, 999999999))

def rdate(start=2024, end=2026):
    d0 = datetime.date(start,1,1); d1 = datetime.date(end,10,31)
    return d0 + datetime.timedelta(days=R.randint(0,(d1-d0).days))

def fdate(d, style=None):
    style = style if style is not None else R.randint(0,4)
    if style==0: return d.strftime("%m/%d/%Y")
    if style==1: return d.strftime("%Y-%m-%d")
    if style==2: return d.strftime("%B %d, %Y").replace(" 0"," ")
    if style==3: return d.strftime("%m/%d/%y")
    return d.strftime("%d-%b-%Y").upper()

def dob_for_age(age, ref):
    y = ref.year - age
    return datetime.date(y, R.randint(1,12), R.randint(1,28))

def rtime():
    return f"{R.randint(0,23):02d}:{R.choice(['00','05','12','18','25','30','34','41','47','52'])}"

def phone():
    return f"({R.randint(201,989)}) {R.randint(200,999)}-{R.randint(1000,9999)}"

def address():
    c = pick(CITIES)
    return f"{R.randint(12,9899)} {pick(STREETS)}", f"{c[0]}, {c[1]} {c[2]}{R.randint(100,999)}"

def vitals(kind="normal"):
    if kind=="sick":
        return dict(t=round(R.uniform(37.8,39.4),1), hr=R.randint(98,128), bp=f"{R.randint(88,112)}/{R.randint(48,68)}", rr=R.randint(20,28), spo2=R.randint(87,94))
    if kind=="htn":
        return dict(t=round(R.uniform(36.4,37.2),1), hr=R.randint(70,96), bp=f"{R.randint(152,188)}/{R.randint(88,108)}", rr=R.randint(14,18), spo2=R.randint(95,99))
    return dict(t=round(R.uniform(36.3,37.3),1), hr=R.randint(60,94), bp=f"{R.randint(108,142)}/{R.randint(62,88)}", rr=R.randint(12,18), spo2=R.randint(95,100))

def vit_str(v, style=0):
    tf = round(v['t']*9/5+32,1)
    if style==0: return f"T {v['t']} C, HR {v['hr']}, BP {v['bp']}, RR {v['rr']}, SpO2 {v['spo2']}% on room air"
    if style==1: return f"T {tf}F  P {v['hr']}  BP {v['bp']}  R {v['rr']}  O2 sat {v['spo2']}% RA"
    return f"Temp {tf}, pulse {v['hr']}, blood pressure {v['bp']}, respirations {v['rr']}, saturating {v['spo2']}%"

OCR_SUBS = {"l":"1","O":"0","o":"0","e":"c","m":"rn","i":"l","S":"5","B":"8","a":"o","h":"b"}
def ocr_noise(text, rate=0.012):
    out=[]
    for line in text.split("\n"):
        chars=list(line); new=[]
        for ch in chars:
            r=R.random()
            if ch in OCR_SUBS and r<rate: new.append(OCR_SUBS[ch])
            elif ch==" " and r<rate*0.6: continue
            elif ch.isalpha() and r<rate*0.3: new.append(ch+" ")
            else: new.append(ch)
            if R.random()<rate*0.08: new.append(pick(["~","'","`",".","|",";"]))
        out.append("".join(new))
    return "\n".join(out)

def fax_banner(d=None, page=1, total=None):
    d = d or rdate()
    total = total or R.randint(1,4)
    fmt = pick([
      "{d} {t}  FROM: {ph}  TO: {ph2}  P.{p:03d}/{tt:03d}",
      "Received: {d} {t} ; {ph} -> HIM Dept; Page {p}",
      "FAX  {ph}   {d}  {t}   #{n}  P. {p}/{tt}",
      "--- {inst} --- {d} {t} --- pg {p} of {tt} ---",
    ])
    return fmt.format(d=d.strftime("%m/%d/%Y"), t=rtime(), ph=phone(), ph2=phone(), p=page, tt=total, n=R.randint(1000,9999), inst=pick(INST).upper())

def footer(page=1, total=None):
    total = total or R.randint(page, page+2)
    return pick([f"Page {page} of {total}", f"- {page} -", f"Pg {page}/{total}   CONFIDENTIAL PATIENT INFORMATION", f"Printed {fdate(rdate(),0)} {rtime()}   Page {page}"])

def age_sex_phrase(age, s):
    if age < 1: return f"{R.randint(2,11)}-month-old {'male' if s=='M' else 'female'} infant"
    if age < 18: return f"{age}-year-old {'boy' if s=='M' else 'girl'}"
    return f"{age}-year-old {pick(['male','man']) if s=='M' else pick(['female','woman'])}"

def pr(s):  # pronouns
    return ("he","his","him") if s=="M" else ("she","her","her")

def dict_footer(doc, d=None):
    d=d or rdate()
    return pick([
      f"\n\nElectronically signed by {doc} on {fdate(d,0)} at {rtime()}",
      f"\n\n{doc}\nD: {fdate(d,0)} {rtime()}\nT: {fdate(d,0)} {rtime()}\nJob #: {R.randint(100000,999999)}",
      f"\n\nDictated by: {doc}\nDD: {fdate(d,3)}  DT: {fdate(d,3)}  ID: {R.randint(1000,9999)}/{pick(['kmw','jrt','abl','sdp','mhc'])}",
      f"\n\n_______________________\n{doc}",
      f"\n\nSigned: {doc}  {fdate(d,1)} {rtime()}",
    ])
