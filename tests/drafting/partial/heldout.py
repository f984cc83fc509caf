"""Partial drafts held out: written with the tuned ones, never run while the parser's rule
for numbering jumps was chosen. tests/drafting/test_partial_drafts.py reports their score
(points found right / points expected); see tuned.py for the drafts the rule was tuned on.

Each entry: a name, the pasted text, and the labels of the points it holds, in order.
"""

HELD_OUT = [
    (
        "english report excerpt",
        "Excerpts from the draft as reported\n"
        "\n"
        "3. The ceasefire line is fixed along the current front\n"
        "4. Monitoring is entrusted to an international mission under a joint commission\n"
        "9. Sanctions are lifted in stages until\n"
        "2027. After that date trade resumes without limits\n"
        "11) Frozen assets fund the reconstruction of damaged cities\n"
        "20) Prisoners are exchanged on an all-for-all basis\n"
        "21) Civilians held by either side are returned home within 60 days\n",
        ["3", "4", "9", "11", "20", "21"],
    ),
    (
        "ukrainian extract",
        "Витяг з проєкту угоди\n"
        "\n"
        "2. Україна зберігає право на вступ до Європейського Союзу\n"
        "5. Чисельність війська в мирний час не обмежується\n"
        "8. Територіальні питання вирішуються окремими переговорами\n"
        "лідерів держав\n"
        "12. Запорізька станція переходить під контроль МАГАТЕ\n"
        "13. Енергоблоки станції відновлюють роботу після перевірки безпеки\n"
        "30. Угода набирає чинності після ратифікації парламентами\n",
        ["2", "5", "8", "12", "13", "30"],
    ),
    (
        "russian published points",
        "Опубликованные пункты плана\n"
        "1) Стороны прекращают огонь в течение 72 часов после подписания\n"
        "2) Войска отводятся на 15 километров от линии соприкосновения\n"
        "6) Гуманитарные коридоры открываются для мирных жителей\n"
        "в течение 2025 года\n"
        "10) Обмен пленными проводится под контролем Красного Креста\n"
        "17) Выборы проходят не позднее чем через 100 дней\n"
        "18) Наблюдатели ОБСЕ допускаются на все избирательные участки\n",
        ["1", "2", "6", "10", "17", "18"],
    ),
]
