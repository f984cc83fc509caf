"""Partial drafts the parser's rule for numbering jumps was tuned on: quotes of some points
of a plan, numbered with gaps, their lines mostly without final punctuation. The drafts in
heldout.py were not looked at while tuning.

Each entry: a name, the pasted text, and the labels of the points it holds, in order.
"""

TUNED = [
    (
        "english quote without full stops",
        "1. The parties agree to a full ceasefire on land, at sea and in the air\n"
        "2. A demilitarised zone of ten kilometres is created on each side of the line\n"
        "7. Ukraine keeps armed forces of the size it chooses\n"
        "13. Grain exports through the Black Sea ports continue without hindrance\n"
        "14. A joint commission settles disputes over the implementation\n",
        ["1", "2", "7", "13", "14"],
    ),
    (
        "ukrainian quote without full stops",
        "1. Сторони погоджуються на повне припинення вогню\n"
        "2. Уздовж лінії розмежування створюється демілітаризована зона\n"
        "7. Україна сама визначає чисельність своїх збройних сил\n"
        "13. Експорт зерна через чорноморські порти триває без перешкод\n"
        "14. Спільна комісія розглядає суперечки щодо виконання угоди\n",
        ["1", "2", "7", "13", "14"],
    ),
    (
        "russian quote without full stops",
        "1) Стороны соглашаются на полное прекращение огня\n"
        "2) Вдоль линии разграничения создаётся демилитаризованная зона\n"
        "7) Украина сама определяет численность своих вооружённых сил\n"
        "13) Экспорт зерна через черноморские порты продолжается без помех\n"
        "14) Совместная комиссия рассматривает споры об исполнении соглашения\n",
        ["1", "2", "7", "13", "14"],
    ),
    (
        "english quote with wrapped lines and a wide jump",
        "As quoted by the newspaper:\n"
        "\n"
        "2. Sanctions relief begins once the monitoring mission\n"
        "reports a stable ceasefire\n"
        "5. Reconstruction is funded from a dedicated international fund\n"
        "14. Elections are held under international observation\n"
        "26. The agreement is legally binding and guaranteed by the signatories\n",
        ["2", "5", "14", "26"],
    ),
    (
        "ukrainian quote with a year in the text",
        "1. Мораторій на нові санкції діє до кінця\n"
        "2026 року, якщо умови дотримано\n"
        "4. Полонені повертаються додому за принципом всіх на всіх\n"
        "9. Місія спостерігачів працює протягом трьох років\n",
        ["1", "4", "9"],
    ),
    (
        "russian quote with a wrapped point",
        "Выдержки из проекта\n"
        "3. Запорожская станция передаётся под управление МАГАТЭ\n"
        "а электроэнергия делится между сторонами\n"
        "8. Гарантии безопасности предоставляются на двадцать лет\n"
        "11. Соглашение вступает в силу после подписания\n",
        ["3", "8", "11"],
    ),
]
