"""The desk's web pages: one module per page group, translation only.

Views read through selectors and write through the workflow and reviewers services. A
success redirects (POST-redirect-GET) with a message. A refusal, the form's own or the
service's ``WorkflowError``, renders the form's page again with the form as it was sent and
the error beside the input it concerns (``common.run``, ``common.Refused``): never a
traceback, and nothing typed is lost.
"""
