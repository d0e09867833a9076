"""The published pages with their starting text (from the brochure of March 2025) and the
organizer's permissions. No rules version is made: the brochure's own version is the one each
supplier accepted with its application (suppliers/terms.py); organizers add the next."""

from django.db import migrations

from tops.migrations._grant import grant

RULES_ZH = """本簡章為「台北好購推廣平台 (Taipei-Origin Promotional Station, TOPS)」採購方註冊暨供應方登錄簡章（中華民國114年3月）。

- 主辦單位：臺北市政府產業發展局
- 執行單位：安侯永續發展顧問股份有限公司
- 執行時程：自公告日起。

## 計畫目標

本計畫透過推動「TOPS 台北好購」品牌，串聯全國各大企業、機關及法人單位，匯集其採購需求，並透過「台北好購推廣平台」，串聯採購方與本市中小企業、新創企業等供應方進行合作，促進商家的媒合與交流、雙向共好。

## 供應方登錄之權利義務

1. 需與主辦單位及執行單位共同推廣「台北好購推廣平台」、「TOPS 台北好購」計畫品牌之理念，登錄成功之供應方需邀請各界客戶申請「台北好購獎勵機制」，並配合主辦單位及執行單位推廣機制之定期追蹤。
2. 需配合參與主辦單位及執行單位辦理相關推廣活動，如：招募說明會、媒合會，前往參與展攤、演講、體驗工作坊等。
3. 得參與本計畫所開設之主題式公開課程，並得申請一對一客製化深度輔導。
4. 應配合至少每年一次更新登錄之資訊。
5. 主辦單位及執行單位對送審之產品/服務有攝影、出版、宣傳及登錄網路等權利。
6. 供應方應確保所提供之作品無侵犯他人智慧財產權或其他法律上權益。
7. 供應方有責任確保上架之產品或服務符合所有法律規定，並對其資訊之準確性及有效性負完全責任。
8. 若無法配合上述事項者，本平台保留將廠商資訊下架之權利。

## 商品下架機制

1. 商品及服務須依主題推廣專區之分類上架，並應提供詳盡、明確的文字與圖片說明。
2. 商品頁面揭露資訊應與實際產品及服務規格相符。
3. 1 件商品只能上架 1 個主題館別；每館可上架數量準則以本網站公告為準。
4. 禁止虛偽不實廣告（公平交易法第 21 條第 1 項）、違反食安法規之產品及依法於網路禁售之商品。

## 但書

1. 本簡章如有未盡事宜，主辦單位與執行單位保留修正補充之權利。
2. 若申請「台北好購推廣平台」之採購方註冊與供應方登錄，視同同意本簡章所載相關之權利義務。
"""

RULES_EN = """The rules for buyers' registration and suppliers' listing on the TOPS portal (brochure of March 2025). Organizer: Department of Economic Development, Taipei City Government. The Chinese text prevails.

Suppliers promote the portal and the TOPS brand, take part in promotion activities, update their information at least once a year, and answer for the lawfulness and accuracy of what they list. Each product or service is listed in one pavilion; the number per pavilion is announced on this portal. The organizer may amend these rules; registering means accepting them.
"""

REGISTRATION_ZH = """## 採購方註冊

**註冊資格**：中央及地方各級政府機關、公營事業及國營事業、依法登記之企業及法人組織。

**權利義務**：

1. 可獲採購資訊電子報、政府資源推送、媒合活動參與等資源。
2. 具備「台北好購獎勵機制」之報獎申請資格。
3. 倘符合供應方登錄資格者，得參與供應方登錄。

**註冊及使用費**：不須繳納費用，惟參與各項活動所產生之差旅費或其他費用請自行負擔。

**註冊步驟**：至「註冊成為採購方」頁面線上註冊，填寫帳號（統一編號）、密碼及組織基本資料，輸入以 Email 提供之驗證碼完成驗證，即可開通帳號。

## 供應方登錄

註冊成為採購方後，可進一步申請成為供應方。登錄資格需同時符合：

1. 公司或商業登記設址於臺北市，且非為境外企業設於臺北市之分公司。
2. 符合〈中小企業認定標準〉：實收資本額在新臺幣一億元以下，或經常僱用員工數未滿二百人；設立未滿8年者得納入新創事業組，其餘為中小企業組。
3. 檢附公司登記或商業登記證明文件。
4. 可開立統一發票或收據。
5. 無違規事證。

執行單位於收件後五個工作天內回覆資料是否合格。
"""

REGISTRATION_EN = """**Buyers**: government agencies (central or local), public and state-owned enterprises, registered companies and legal persons register free of charge with their Unified Business Number, then confirm the code sent by e-mail.

**Suppliers**: a registered buyer whose company or business is registered in Taipei City, is a small or medium enterprise (paid-in capital up to NT$100 million or fewer than 200 employees), can issue invoices or receipts and has no violations may apply to be listed. The executing agency answers within five working days.
"""

AWARDS_ZH = """「台北好購獎勵機制」頒予採購績優單位獎項與獎勵金，並設置「永續共榮」獎項，彰顯透過採購達成各項永續影響力指標。

- 已註冊之採購方具備報獎申請資格；所採購之對象須為有效登錄於「台北好購推廣平台」之供應方。
- 於採購金額計算期間，每月前3名上傳採購資料之採購方，得獲多元媒體曝光機會（每家採購方於每屆曝光以1次為上限）。
- 各屆之計算期間、申請期限及獎項，以本網站公告為準。
"""

AWARDS_EN = """The TOPS award scheme gives awards and prize money to buyers with outstanding purchases from listed suppliers, and a "Sustainable Prosperity" award for purchases with sustainability impact. Each month of the counting period the first three buyers to upload purchase records get media exposure (once per edition). Each edition's dates and awards are announced on this portal.
"""

FAQ_ZH = """## 註冊要付費嗎？

不須繳納費用，惟參與各項活動所產生之差旅費或其他費用請自行負擔。

## 帳號是什麼？

採購方帳號為組織之統一編號；亦可以聯絡信箱登入。

## 供應方登錄要多久？

執行單位將有專人審核文件，並於收件後五個工作天內回覆資料是否合格；資料未齊全時將提醒補正。

## 一件產品可以上架幾個主題館？

每1件產品服務以上架單一館別為原則；每館可上架數量準則以本網站公告為準。

## 如何聯絡服務窗口？

TOPS 專線服務窗口：02-2720-8889 分機6627，E-mail：ea-40037@gov.taipei。
"""

FAQ_EN = """**Is registration free?** Yes; travel and other costs of taking part in activities are your own.

**How long does a supplier application take?** The executing agency answers within five working days of receiving it.

**How do I reach the service window?** 02-2720-8889 ext. 6627, ea-40037@gov.taipei.
"""

PRIVACY_ZH = """臺北市政府產業發展局（主辦單位）及其執行單位依個人資料保護法蒐集、處理及利用您於本平台提供之個人資料。

- **蒐集目的**：帳號管理、媒合活動與採購資訊之聯繫、「台北好購獎勵機制」採購資料之查核（特定目的代號 069 契約、類似契約或其他法律關係事務、090 消費者、客戶管理與服務、157 調查、統計與研究分析）；您勾選同意時，寄送採購資訊電子報。
- **個人資料類別**：組織之統一編號、全稱、代表人姓名、行業別；聯絡人姓名、電子郵件及電話。
- **利用期間、地區、對象及方式**：於帳號存續期間及結束後依臺北市政府檔案保存年限，於我國境內由主辦單位及執行單位利用。
- **您的權利**：登入後可於「您的個人資料」頁面下載資料副本、申請更正或刪除，亦可來信服務窗口（ea-40037@gov.taipei）。
- **電子報**：每期電子報皆附一鍵取消訂閱連結。
"""

PRIVACY_EN = """The Department of Economic Development, Taipei City Government and its executing agency process the personal data you give the portal to run your account, to contact you about matchmaking events and procurement information, to verify purchase records for the award scheme and, if you ask for it, to send the procurement newsletter (every issue can be unsubscribed with one click). Once logged in you can download, correct or delete your data on the "Your personal data" page.
"""

ACCESSIBILITY_ZH = """「台北好購推廣平台」致力讓所有人都能使用本網站，以符合 WCAG 2.1 AA 等級為目標設計與測試：

- 所有頁面皆可僅以鍵盤操作，並提供「跳到主要內容」連結。
- 表單欄位皆有標籤，錯誤訊息顯示於欄位旁並可由螢幕報讀軟體讀取。
- 圖片提供替代文字，文字與背景具足夠對比。
- 每次改版前以自動化工具（axe）檢測各主要頁面。

## 回報無障礙問題

若您在使用本網站時遇到障礙，請告訴我們頁面網址與遇到的問題：

- 電話：02-2720-8889 分機6627
- E-mail：ea-40037@gov.taipei

我們將於五個工作天內回覆，並儘速改善。
"""

ACCESSIBILITY_EN = """The TOPS portal aims to meet WCAG 2.1 level AA: every page works with the keyboard alone, form fields have labels and errors are announced beside the field, pictures have text alternatives, and the main pages are checked with axe before each release.

## Report a barrier

Tell us the page and the problem: 02-2720-8889 ext. 6627 or ea-40037@gov.taipei. We answer within five working days.
"""

PAGES = [
    ("rules", "台北好購推廣平台簡章", "The rules", RULES_ZH, RULES_EN),
    ("registration", "註冊與登錄資格及方式", "Who may register and how", REGISTRATION_ZH, REGISTRATION_EN),
    ("award-scheme", "台北好購獎勵機制", "The TOPS award scheme", AWARDS_ZH, AWARDS_EN),
    ("faq", "常見問題", "Frequently asked questions", FAQ_ZH, FAQ_EN),
    ("privacy", "隱私權政策", "Privacy policy", PRIVACY_ZH, PRIVACY_EN),
    ("accessibility", "無障礙聲明", "Accessibility statement", ACCESSIBILITY_ZH, ACCESSIBILITY_EN),
]

ORGANIZER = [
    *[
        ("publications", f"{action}_{model}")
        for model in ("announcement", "issue", "rulesversion")
        for action in ("view", "add", "change", "delete")
    ],
    ("publications", "view_page"),
    ("publications", "change_page"),
    ("publications", "view_subscriber"),
    ("publications", "view_unsubscribed"),
    ("publications", "view_rulesacceptance"),
]


def seed(apps, schema_editor):
    Page = apps.get_model("publications", "Page")
    for slug, title_zh, title_en, body_zh, body_en in PAGES:
        Page.objects.get_or_create(
            slug=slug,
            defaults={
                "title_zh": title_zh,
                "title_en": title_en,
                "body_zh": body_zh,
                "body_en": body_en,
            },
        )
    grant(apps, {"Organizer": ORGANIZER})


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0001_initial"),
        ("review", "0016_staff_read_the_activity_log"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
