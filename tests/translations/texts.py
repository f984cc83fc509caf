"""Short parallel texts written for these tests: a draft of eight points in English, its
Ukrainian translation (whole), its Russian translation (partial, numbered with gaps), and a
Ukrainian text of another draft altogether (for a paste into the wrong revision)."""

ENGLISH = [
    ("1", "Ukraine's sovereignty is confirmed by all signatories."),
    ("2", "A ceasefire takes effect along the line of contact within 72 hours of signature."),
    ("3", "Ukraine's armed forces are limited to 600,000 personnel in peacetime."),
    ("4", "Ukraine does not join NATO; NATO does not station troops in Ukraine."),
    ("5", "The Zaporizhzhia nuclear plant is restarted under IAEA supervision."),
    ("6", "The EU and the US lift sanctions in stages, beginning on 1 March 2026."),
    ("7", "All prisoners of war are exchanged on the all-for-all principle."),
    ("8", "Elections are held in Ukraine within 100 days of signature."),
]

UKRAINIAN = """Рамкова угода (неофіційний переклад)

1. Усі сторони, що підписали угоду, підтверджують суверенітет України.
2. Припинення вогню набуває чинності вздовж лінії зіткнення протягом 72 годин після
підписання.
3. Чисельність Збройних сил України в мирний час обмежується 600 тисячами осіб.
4. Україна не вступає до НАТО; НАТО не розміщує військ в Україні.
5. Запорізьку атомну електростанцію буде перезапущено під наглядом МАГАТЕ.
6. ЄС і США поетапно знімають санкції, починаючи з 1 березня 2026 року.
7. Усіх військовополонених обмінюють за принципом «всіх на всіх».
8. Вибори в Україні проводяться протягом 100 днів після підписання.
"""

# Points 1, 3, 5 and 6 only, as a news report quoted them.
RUSSIAN_PARTIAL = """1. Суверенитет Украины подтверждается всеми подписавшими сторонами.
3. Численность Вооружённых сил Украины в мирное время ограничивается 600 000 человек.
5. Запорожская АЭС перезапускается под надзором МАГАТЭ.
6. ЕС и США поэтапно снимают санкции начиная с 1 марта 2026 года.
"""

# Another draft in Ukrainian: other figures, other names, other subjects.
OTHER_DRAFT = """1. Чорноморські порти Одеса та Миколаїв відкриваються для торгівлі зерном.
2. Обмін 1 200 цивільних осіб завершується до 15 серпня 2027 року.
3. Кредит у 45 мільярдів євро надається на відбудову енергетики Харкова.
4. Спільна комісія збирається щомісяця в Женеві.
5. Репарації становлять 300 мільярдів доларів протягом 20 років.
6. Туреччина гарантує судноплавство в Босфорі.
"""


def english_draft() -> str:
    return "\n".join(f"{number}. {text}" for number, text in ENGLISH)
