"""Development settings of the demo venue site (see publishconf.py for production)."""

from pathlib import Path

SETTINGS_DIR = str(Path(__file__).resolve().parent)

SITENAME = "CoworkingJP"
SITEURL = "http://localhost:8000"
RELATIVE_URLS = True

PATH = "content"
DATA_PATH = "data"
THEME = "theme"
OUTPUT_PATH = "output"
# Each build starts from an empty output (a deleted event leaves no page behind), swapped in whole
# once built; a git clone of the published site (output/.git) is kept.
DELETE_OUTPUT_DIRECTORY = True
OUTPUT_RETENTION = [".git", ".gitignore", ".nojekyll"]
STATIC_PATHS = ["images"]

TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
DEFAULT_PAGINATION = 10
DEFAULT_CATEGORY = "Vie du lieu"

PLUGINS = ["pelican.plugins.tierslieu"]

# Clean French URLs, each ending in "/".
ARTICLE_URL = "actualites/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "actualites/{date:%Y}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
INDEX_SAVE_AS = "actualites/index.html"
CATEGORY_URL = "actualites/categorie/{slug}/"
CATEGORY_SAVE_AS = "actualites/categorie/{slug}/index.html"
CATEGORIES_SAVE_AS = "actualites/categories/index.html"
TAG_URL = "actualites/etiquette/{slug}/"
TAG_SAVE_AS = "actualites/etiquette/{slug}/index.html"
TAGS_SAVE_AS = "actualites/etiquettes/index.html"
ARCHIVES_SAVE_AS = "actualites/archives/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
# Drafts are never written (Pelican writes them to drafts/ by default, at addresses anyone could guess).
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives"]
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# An article dated in the future waits for its day (the nightly build publishes it).
WITH_FUTURE_DATES = False

CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
