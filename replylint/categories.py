"""The fixed categories of advice (../shared/taxonomy.md). Add one only with a post behind it."""

from __future__ import annotations

CATEGORIES: dict[str, str] = {
    "jargon": "Жаргон и внутренние термины",
    "negative-framing": "Негативная формулировка",
    "law-citing": "Ссылки на законы и регламенты",
    "missing-next-step": "Нет следующего шага",
    "vague-promise": "Размытое обещание",
    "blame": "Обвинение клиента",
    "dismissive": "Отмахивание от клиента",
    "pressure": "Давление на клиента",
    "canned-deflection": "Шаблонная отписка",
    "over-apology": "Избыток извинений",
    "weak-compensation": "Символическая компенсация",
    "negative-ending": "Негативная концовка",
    "internal-leak": "Внутренняя информация в ответе",
    "offensive": "Оскорбительные слова",
    "defending-staff": "Защита сотрудников вместо решения",
    "threat": "Угроза клиенту",
    "bureaucratese": "Канцелярит",
    "readability": "Читаемость",
    "familiarity": "Фамильярность и тон",
    "spelling": "Орфография",
}
