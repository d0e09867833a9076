from django.db import migrations

# 參.二(一)2: the five theme pavilions, in the brochure's order.
PAVILIONS = [
    (
        "lifestyle",
        "生活良品",
        "Lifestyle",
        "民生用品、衣飾與其他各類生活相關服務或品項等。",
        "Everyday goods, clothing and accessories, and other products and services for daily "
        "life.",
    ),
    (
        "biotech-health",
        "生技健康",
        "Biotech & Health",
        "提供提升生活品味與健康之產品或服務，如生技保健、各類促進健康或養生之產品或服務等。",
        "Products and services that improve quality of life and health, such as biotech health "
        "care and products or services that promote health and wellbeing.",
    ),
    (
        "service-tech",
        "服務科技",
        "Services & Technology",
        "提供各式專業、科學、技術之服務，如：專業職能管理與財務服務；數位與電子類如資通、電子零組件服務；"
        "營建工程之服務等。",
        "Professional, scientific and technical services: management and financial services; "
        "digital and electronics such as ICT and electronic components; construction and "
        "engineering services.",
    ),
    (
        "sustainability",
        "永續 ESG",
        "Sustainability (ESG)",
        "具環境保護、社會責任、營運治理等永續元素與社會創新內涵之產品或服務。",
        "Products and services with environmental, social and governance elements and social "
        "innovation.",
    ),
    (
        "creative-design",
        "文創設計",
        "Culture & Creative Design",
        "文化藝術表演、設計體驗、出版、影音製作。",
        "Performing arts, design experiences, publishing, and audiovisual production.",
    ),
]


def create_pavilions(apps, schema_editor):
    Pavilion = apps.get_model("catalog", "Pavilion")
    for order, (code, name_zh, name_en, description_zh, description_en) in enumerate(PAVILIONS):
        Pavilion.objects.update_or_create(
            code=code,
            defaults={
                "name_zh": name_zh,
                "name_en": name_en,
                "description_zh": description_zh,
                "description_en": description_en,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(create_pavilions, migrations.RunPython.noop)]
