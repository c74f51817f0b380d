"""The desk's web pages: one module per page group, translation only.

Views read through selectors, write through the workflow and reviewers services, and turn
their ``WorkflowError`` into a message on the next page (POST-redirect-GET), never a
traceback.
"""
