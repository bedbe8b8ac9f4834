// The log check (LogSecretsTests) runs after every journey; see LastCollectionOrderer.
[assembly: TestCollectionOrderer("Shuzhi.E2E.LastCollectionOrderer", "Shuzhi.E2E")]
