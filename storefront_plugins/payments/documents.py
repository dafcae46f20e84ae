from pathlib import Path

from storefront_plugins.saleor_app.documents import DocumentLibrary

payments_documents = DocumentLibrary(Path(__file__).resolve().parent / "saleor_graphql")
