// placeholder: the Limbic browser SDK is written next
