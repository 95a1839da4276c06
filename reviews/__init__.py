"""The review machinery: frameworks, submissions and documents, extensions, assessments, liaison pages."""
