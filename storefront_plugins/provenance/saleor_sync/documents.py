from pathlib import Path

from storefront_plugins.saleor_app.documents import DocumentLibrary

provenance_documents = DocumentLibrary(Path(__file__).resolve().parent.parent / "saleor_graphql")
