"""What the supplier's product form sends: a new product with no pictures, unless given."""


def product_form_data(**fields) -> dict:
    return {
        "pavilion": "",
        "name": "天然保健食品",
        "summary": "小農原料",
        "description": "溫和配方。",
        "specifications": "",
        "price": "1200",
        "pictures-TOTAL_FORMS": "8",
        "pictures-INITIAL_FORMS": "0",
        "pictures-MIN_NUM_FORMS": "0",
        "pictures-MAX_NUM_FORMS": "8",
        **fields,
    }
