package cluster_test

// sharedData is ../shared/data seen from this package's folder.
const sharedData = "../../../shared/data"
